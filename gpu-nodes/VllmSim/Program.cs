using VllmSim;

var app = VllmSimServer.Build(args);
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"VllmSim listening on {string.Join(", ", app.Urls)}"));
await app.RunAsync();
