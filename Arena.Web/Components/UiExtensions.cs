using Arena.Web.Components.Battles;
using Arena.Web.Components.Markdown;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arena.Web.Components;

/// <summary>Registers and maps Arena's Blazor UI (interactive server rendering).</summary>
public static class UiExtensions
{
    /// <summary>Adds the Razor components, the interactive server runtime and what the UI's components use.</summary>
    public static IServiceCollection AddArenaUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Pages read whether the user is the signed-in operator (Arena.Web.Operators) from the authentication state.
        services.AddCascadingAuthenticationState();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnswerMarkdown>();
        return services;
    }

    /// <summary>Maps the UI: static assets, antiforgery and the interactive root component.</summary>
    /// <remarks>The session middleware (<c>UseArenaSession</c>) must run before this, since <c>App</c> reads the session id.</remarks>
    public static WebApplication MapArenaUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
