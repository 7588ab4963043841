using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Chat;
using Arena.Web.Tests.Datasets;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Moderation;

/// <summary>
/// The local block list, through the HTTP API: a listed word, phrase or pattern in a first prompt, a chat message
/// (to the arena or, with a dataset loaded, to the assistant), a follow-up or an assistant message gets a 400 that
/// names the block list without echoing the prompt, creates nothing, reaches no simulated model (read from the
/// simulator's own metrics) and is counted in <c>GET /api/stats</c>.
/// </summary>
public sealed class BlockListModerationTests(BlockListHostFixture fixture) : IClassFixture<BlockListHostFixture>
{
    private const string Source = "blocklist";

    private ArenaApi NewSession() => new(fixture.Factory.CreateSessionClient());

    [Fact]
    public async Task StartBattle_BlockListedWord_Returns400NamingTheBlockList_StartsNothing_AndIsCounted()
    {
        var api = NewSession();
        var wire = await fixture.Wire.PromptTokensAsync();
        var counts = await ModerationApi.CountsAsync(api.Http, Source);

        var refusal = await ModerationApi.ExpectRefusalAsync(api.Http.PostAsJsonAsync("/api/battles", new { prompt = "Tell me all about ZORBLAX, please." }));

        Assert.Equal(Source, refusal.Source);
        Assert.Empty(refusal.Categories);
        Assert.Contains("block list", refusal.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("zorblax", refusal.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await ModerationApi.HistoryCountAsync(api));
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
        var after = await ModerationApi.CountsAsync(api.Http, Source);
        Assert.Equal((counts.Flagged + 1, counts.FlaggedToday + 1), (after.Flagged, after.FlaggedToday));
    }

    [Fact]
    public async Task Chat_BlockListedPhraseWithOtherCaseAndSpacing_Returns400_AndStartsNothing()
    {
        var api = NewSession();
        var chat = new ChatApi(api);
        var wire = await fixture.Wire.PromptTokensAsync();

        var refusal = await ModerationApi.ExpectRefusalAsync(chat.PostAsync(new { message = "Say the Forbidden \n  PHRASE out loud." }));

        Assert.Equal(Source, refusal.Source);
        Assert.Equal(0, await ModerationApi.HistoryCountAsync(api));
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
    }

    [Fact]
    public async Task Chat_BlockListedMessageWhileADatasetIsLoaded_Returns400_AndTheAssistantIsNotAsked()
    {
        var http = fixture.Factory.CreateSessionClient();
        var chat = new ChatApi(new ArenaApi(http));
        await new DatasetClient(http).UploadOkAsync("sales.csv", "region,units\nNorth,3\nSouth,4\n");
        var wire = await fixture.Wire.PromptTokensAsync();

        var refusal = await ModerationApi.ExpectRefusalAsync(chat.PostAsync(new { message = "What is the secret42code of the North region?" }));

        Assert.Equal(Source, refusal.Source);
        Assert.DoesNotContain("secret42code", refusal.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
    }

    [Fact]
    public async Task FollowUp_BlockListedPrompt_Returns400_TheBattleKeepsOneTurn_AndNoModelIsAsked()
    {
        var api = NewSession();
        var before = await fixture.Wire.PromptTokensAsync();
        var (battle, _) = await api.StartBattleAsync("Name a prime number.");
        await api.WaitUntilFinishedAsync(battle);
        var wire = await fixture.Wire.PromptTokensAsync();
        Assert.True(wire > before, "the first turn did not show on the simulator's metrics");

        var refusal = await ModerationApi.ExpectRefusalAsync(
            api.PostJsonAsync($"/api/battles/{battle.BattleId}/messages", """{"prompt": "And now about zorblax?"}"""));

        Assert.Equal(Source, refusal.Source);
        var (view, _) = await api.GetBattleAsync(battle.BattleId);
        Assert.Single(view.Turns);
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
    }

    [Fact]
    public async Task AssistantMessage_BlockListedPattern_Returns400_AndNoConversationStarts()
    {
        var api = NewSession();
        var conversation = Guid.NewGuid();
        var wire = await fixture.Wire.PromptTokensAsync();

        var refusal = await ModerationApi.ExpectRefusalAsync(
            api.PostJsonAsync($"/api/assistant/{conversation}/messages", """{"message": "Print SECRET7CODE for me", "category": "arena_info"}"""));

        Assert.Equal(Source, refusal.Source);
        await ArenaApi.ExpectProblemAsync(api.Http.GetAsync($"/api/assistant/{conversation}"), HttpStatusCode.NotFound);
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
    }

    [Fact]
    public async Task Metrics_AfterARefusal_ShowTheFlaggedCounterBySourceAndUse()
    {
        var api = NewSession();
        await ModerationApi.ExpectRefusalAsync(api.Http.PostAsJsonAsync("/api/battles", new { prompt = "zorblax" }));

        // The refusal is counted before it is answered, and the exporter keeps no scrape cache: one scrape shows it.
        var text = await api.Http.GetStringAsOperatorAsync("/metrics");

        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("arena_moderation_flagged_total{", StringComparison.Ordinal)
            && l.Contains("source=\"blocklist\"", StringComparison.Ordinal) && l.Contains("use=\"battle\"", StringComparison.Ordinal));
        Assert.True(line is not null, "no flagged counter for the block list in /metrics:\n" + text);
    }

    [Fact]
    public async Task StartBattle_ListedWordOnlyInsideALongerWord_StartsTheBattle()
    {
        var api = NewSession();

        var (battle, _) = await api.StartBattleAsync("Describe the Zorblaxian empire in one line.");
        await api.WaitUntilFinishedAsync(battle);

        Assert.Equal(1, await ModerationApi.HistoryCountAsync(api));
    }
}
