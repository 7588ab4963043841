using Arena.Web.Components;
using Arena.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});
builder.AddEmbeddedSimulator();
builder.AddArenaWeb();
builder.Services.AddArenaUi();

var app = builder.Build();
app.MapArena();
app.MapArenaUi();
await app.RunAsync();

/// <summary>The web host's entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
