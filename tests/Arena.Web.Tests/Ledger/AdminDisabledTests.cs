using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary>Without ARENA_ADMIN_KEY the import is disabled; the export, an operator endpoint, is not.</summary>
public sealed class AdminDisabledTests : IAsyncLifetime
{
    // Empty, so that a key in the environment running the tests cannot enable it.
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["ARENA_ADMIN_KEY"] = "" });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Import_NoAdminKeyConfigured_Returns404Disabled()
    {
        var http = _host.Factory.CreateClient();

        var problem = await ArenaApi.ExpectProblemAsync(
            LedgerApi.PostImportAsync(http, """{"model_a": "a", "model_b": "b", "winner": "tie"}""", "application/x-ndjson"), HttpStatusCode.NotFound);

        Assert.Contains("disabled", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("ARENA_ADMIN_KEY", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("", (await LedgerApi.ExportAsync(_host.Factory.CreateOperatorClient())).Body);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
