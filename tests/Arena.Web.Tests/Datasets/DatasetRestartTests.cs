using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Datasets;

/// <summary>Stopping Arena and starting it again on the same SQLite file keeps the session's datasets and their rows.</summary>
public sealed class DatasetRestartTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Restart_AfterUpload_KeepsDatasetAndPreview()
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var api = new DatasetClient(_host.Factory.CreateSessionClient(sessionId));
        var id = (await api.UploadOkAsync("kept.csv", "name,score\nann,3\nbob,NA\n")).GetProperty("id").GetString()!;

        await _host.StopAsync();
        await _host.StartAsync();
        var restarted = new DatasetClient(_host.Factory.CreateSessionClient(sessionId));

        Assert.Equal(["kept"], await restarted.NamesAsync());
        var detail = await restarted.GetAsync(id);
        Assert.Equal(1, detail.GetProperty("dataset").GetProperty("columns")[1].GetProperty("missing").GetInt32());
        Assert.Equal("bob", detail.GetProperty("preview_rows")[1][0].GetString());
    }
}
