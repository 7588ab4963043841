using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Sessions;

/// <summary><c>Arena:DataProtection:KeysDirectory</c> puts the key ring where the operator says, instead of in the database.</summary>
public sealed class SessionKeysDirectoryTests : IAsyncLifetime
{
    private static readonly string KeysDirectory = Path.Combine(Path.GetTempPath(), "arena-keys-" + Guid.NewGuid().ToString("N"));

    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["Arena:DataProtection:KeysDirectory"] = KeysDirectory });

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(KeysDirectory))
        {
            Directory.Delete(KeysDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfiguredKeysDirectory_HoldsTheKeyRing()
    {
        await SessionRestartTests.IssueCookieAsync(_host.Factory);

        Assert.NotEmpty(Directory.GetFiles(KeysDirectory, "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(_host.DataDirectory, "keys")));
        Assert.Empty(await KeyRows.ReadAsync(_host.DataDirectory)); // not in the database either
    }
}
