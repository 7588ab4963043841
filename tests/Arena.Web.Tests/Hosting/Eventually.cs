namespace Arena.Web.Tests.Hosting;

/// <summary>Waits for a condition that another process or a background task makes true; fails after 30 s, naming what it waited for.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited 30 s for {what}.");
            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);
}
