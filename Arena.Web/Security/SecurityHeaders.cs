namespace Arena.Web.Security;

/// <summary>
/// Security headers on every response, pages and API alike: a Content-Security-Policy that loads
/// scripts, styles, images and connections only from Arena itself (so model output can load no remote
/// resource and no inline script runs), and no framing, sniffing or referrers.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy. Every script is a file served by Arena (the theme script in &lt;head&gt; too), so
    /// <c>script-src</c> allows no inline script at all. Inline styles stay allowed: components position
    /// bars and chart widths with <c>style</c> attributes, which cannot run code. Blazor Server's websocket
    /// goes to the same origin, which <c>connect-src 'self'</c> allows.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Adds the headers to every response; call it first, so that error pages carry them too.</summary>
    public static IApplicationBuilder UseArenaSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // On starting, so that the headers survive the exception handler clearing a failed response.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
