using System.Net;
using System.Text;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>Refused starts: a ProblemDetails with a clear detail, and no battle.</summary>
[Collection(ArenaCollection.Name)]
public sealed class StartBattleErrorTests(ArenaFixture fixture)
{
    [Theory]
    [InlineData("""{"prompt": ""}""")]
    [InlineData("""{"prompt": "   \n\t "}""")]
    [InlineData("""{"prompt": null}""")]
    [InlineData("""{}""")]
    public async Task StartBattle_EmptyPrompt_Returns400AndStartsNothing(string body)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());

        var problem = await ArenaApi.ExpectProblemAsync(api.PostJsonAsync("/api/battles", body), HttpStatusCode.BadRequest);

        Assert.Contains("empty", problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task StartBattle_PromptOverLimit_Returns400AndStartsNothing()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var prompt = new string('x', ArenaHost.MaxPromptChars + 1);

        var problem = await ArenaApi.ExpectProblemAsync(api.Http.PostAsync("/api/battles", Json(new { prompt })), HttpStatusCode.BadRequest);

        Assert.Contains(ArenaHost.MaxPromptChars.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task StartBattle_PromptAtLimit_StartsBattle()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());

        var (started, _) = await api.StartBattleAsync(new string('x', ArenaHost.MaxPromptChars));

        Assert.Equal(started.BattleId, Assert.Single((await api.GetHistoryAsync()).Battles).BattleId);
        await api.WaitUntilFinishedAsync(started);
    }

    [Theory]
    [InlineData("""{"prompt": "unterminated""")]
    [InlineData("""{"prompt": 42}""")]
    [InlineData("""not json at all""")]
    [InlineData("""null""")]
    public async Task StartBattle_MalformedJson_Returns400AndStartsNothing(string body)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());

        await ArenaApi.ExpectProblemAsync(api.PostJsonAsync("/api/battles", body), HttpStatusCode.BadRequest);

        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task StartBattle_NotJsonContentType_Returns400AndStartsNothing()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var body = new StringContent("""{"prompt": "hello"}""", Encoding.UTF8, "text/plain");

        var problem = await ArenaApi.ExpectProblemAsync(api.Http.PostAsync("/api/battles", body), HttpStatusCode.BadRequest);

        Assert.Contains("application/json", problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    private static StringContent Json<T>(T value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
