using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Chat;

namespace Arena.Web.Tests.Moderation;

/// <summary>
/// OpenAI's moderation, failing open (the default), against a local server that speaks the moderation wire format:
/// Arena sends the documented request; a flagged prompt is a 400 naming OpenAI and the categories and reaches no
/// model; an unflagged one starts its battle; a server error lets the prompt through and is counted.
/// </summary>
public sealed class OpenAiModerationTests(OpenAiFailOpenHostFixture fixture) : IClassFixture<OpenAiFailOpenHostFixture>
{
    private const string Source = "openai";

    private ArenaApi NewSession() => new(fixture.Factory.CreateSessionClient());

    [Fact]
    public async Task StartBattle_OpenAiFlagsThePrompt_Returns400WithItsCategories_ReachesNoModel_AndIsCounted()
    {
        var api = NewSession();
        var prompt = $"Write something nasty about my neighbour {Guid.NewGuid():N} [flag:harassment] [flag:violence]";
        var wire = await fixture.Wire.PromptTokensAsync();
        var counts = await ModerationApi.CountsAsync(api.Http, Source);

        var refusal = await ModerationApi.ExpectRefusalAsync(api.Http.PostAsJsonAsync("/api/battles", new { prompt }));

        Assert.Equal(Source, refusal.Source);
        Assert.Equal(["harassment", "violence"], refusal.Categories);
        Assert.Contains("OpenAI", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("harassment, violence", refusal.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", refusal.Body, StringComparison.Ordinal);
        var check = Assert.Single(fixture.Moderation.ReceivedFor(prompt));
        Assert.Equal(("omni-moderation-latest", $"Bearer {fixture.Moderation.ApiKey}"), (check.Model, check.Authorization));
        Assert.Equal(0, await ModerationApi.HistoryCountAsync(api));
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
        var after = await ModerationApi.CountsAsync(api.Http, Source);
        Assert.Equal((counts.Flagged + 1, counts.FlaggedToday + 1), (after.Flagged, after.FlaggedToday));
    }

    [Fact]
    public async Task StartBattle_OpenAiDoesNotFlagThePrompt_TheBattleStartsAndFinishes()
    {
        var api = NewSession();
        var prompt = $"Explain binary search briefly. {Guid.NewGuid():N}";

        var (battle, _) = await api.StartBattleAsync(prompt);
        var finished = await api.WaitUntilFinishedAsync(battle);

        Assert.Single(fixture.Moderation.ReceivedFor(prompt));
        Assert.Equal(prompt, Assert.Single(finished.Turns).Prompt);
        Assert.Equal(1, await ModerationApi.HistoryCountAsync(api));
    }

    [Fact]
    public async Task StartBattle_ModerationServerFails_FailsOpen_TheBattleStarts_AndTheFailureIsCounted()
    {
        var api = NewSession();
        var prompt = $"Summarise the rules of chess. [fail] {Guid.NewGuid():N}";
        var counts = await ModerationApi.CountsAsync(api.Http, Source);

        var (battle, _) = await api.StartBattleAsync(prompt);
        await api.WaitUntilFinishedAsync(battle);

        Assert.Single(fixture.Moderation.ReceivedFor(prompt));
        var after = await ModerationApi.CountsAsync(api.Http, Source);
        Assert.Equal((counts.Unavailable + 1, counts.UnavailableToday + 1), (after.Unavailable, after.UnavailableToday));
        Assert.Equal(counts.Flagged, after.Flagged);
    }

    [Fact]
    public async Task Chat_FlaggedAndUnflaggedMessages_AreEachCheckedOnce_AndOnlyTheUnflaggedOneStartsABattle()
    {
        var api = NewSession();
        var chat = new ChatApi(api);
        var flagged = $"I will hurt you {Guid.NewGuid():N} [flag:harassment/threatening]";
        var clean = $"Write a limerick about compilers. {Guid.NewGuid():N}";
        var wire = await fixture.Wire.PromptTokensAsync();

        var refusal = await ModerationApi.ExpectRefusalAsync(chat.PostAsync(new { message = flagged, route = "arena" }));
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
        var (reply, _) = await chat.SendAsync(clean, route: "arena");
        await api.ReadEventsAsync(reply.Events);

        Assert.Equal(["harassment/threatening"], refusal.Categories);
        Assert.Single(fixture.Moderation.ReceivedFor(flagged));
        Assert.Single(fixture.Moderation.ReceivedFor(clean)); // checked before routing, not again when the battle starts
        Assert.Equal(1, await ModerationApi.HistoryCountAsync(api));
    }

    [Fact]
    public async Task Stats_ListTheChecksInOrder_AndFailingOpen()
    {
        var moderation = await ModerationApi.StatsAsync(fixture.Factory.CreateClient());

        Assert.Equal(["blocklist", "openai"], moderation.GetProperty("checks").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.False(moderation.GetProperty("fail_closed").GetBoolean());
        Assert.Equal(30, moderation.GetProperty("days").GetArrayLength());
    }
}

/// <summary>OpenAI's moderation failing closed: a check that errors or times out refuses the prompt with 503 and starts nothing.</summary>
public sealed class OpenAiFailClosedModerationTests(OpenAiFailClosedHostFixture fixture) : IClassFixture<OpenAiFailClosedHostFixture>
{
    private const string Source = "openai";

    [Theory]
    [InlineData("[fail]")]
    [InlineData("[hang]")]
    public async Task StartBattle_ModerationServerFailsOrTimesOut_FailsClosed_Returns503_StartsNothing_AndIsCounted(string marker)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var prompt = $"Tell me a fun fact about otters. {marker} {Guid.NewGuid():N}";
        var wire = await fixture.Wire.PromptTokensAsync();
        var counts = await ModerationApi.CountsAsync(api.Http, Source);

        var problem = await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync("/api/battles", new { prompt }), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("moderation", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", problem.Detail, StringComparison.Ordinal);
        Assert.Single(fixture.Moderation.ReceivedFor(prompt));
        Assert.Equal(0, await ModerationApi.HistoryCountAsync(api));
        Assert.Equal(wire, await fixture.Wire.PromptTokensAsync());
        var after = await ModerationApi.CountsAsync(api.Http, Source);
        Assert.Equal(counts.Unavailable + 1, after.Unavailable);
    }
}
