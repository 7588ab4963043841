using Arena.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmbeddedSimulator();
builder.AddArenaWeb();

var app = builder.Build();
app.MapArena();
await app.RunAsync();

/// <summary>The web host's entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
