using Arena.Battles;
using Arena.Sessions;
using Arena.Web.Battles;
using Arena.Web.Moderation;
using Arena.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Battles;

/// <summary>
/// A start that files its battle under a category the classifier has not given yet: the start answers at once, under
/// "general", and the battle moves to the category when it comes; a classifier that fails leaves it and is reported.
/// </summary>
[Collection(ArenaCollection.Name)]
public sealed class CategoryFilingTests(ArenaFixture fixture)
{
    private BattleService Battles => fixture.Factory.Services.GetRequiredService<BattleService>();

    private PromptModeration Moderation => fixture.Factory.Services.GetRequiredService<PromptModeration>();

    [Fact]
    public async Task Start_WithTheCategoryStillUnknown_AnswersAtOnce_AndFilesTheBattleWhenItIsKnown()
    {
        var session = Guid.NewGuid().ToString("N");
        var category = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var prompt = await Moderation.CheckAsync("How do I reverse a linked list in Java?", PromptUse.Battle);

        // Bounded only so that a start that waits for the classifier fails here instead of hanging the run.
        var started = await Battles.StartAsync(session, prompt, () => category.Task, ex => Assert.Fail(ex.ToString())).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(BattleService.DefaultCategory, started.Category);

        category.SetResult("coding");
        await Eventually.TrueAsync(async () => (await Battles.GetAsync(started.BattleId, session)).Category == "coding", "the battle filed under 'coding'");
        await WaitUntilFinishedAsync(started.BattleId, session);
    }

    [Fact]
    public async Task Start_WhenTheClassifierFails_StaysUnderGeneral_AndTheFailureIsReported()
    {
        var session = Guid.NewGuid().ToString("N");
        var category = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var prompt = await Moderation.CheckAsync("Name a mountain.", PromptUse.Battle);

        var started = await Battles.StartAsync(session, prompt, () => category.Task, ex => reported.TrySetResult(ex)).WaitAsync(TimeSpan.FromSeconds(30));
        category.SetException(new InvalidOperationException("the classifier is down"));

        Assert.Equal("the classifier is down", (await reported.Task.WaitAsync(TimeSpan.FromSeconds(30))).Message);
        Assert.Equal(BattleService.DefaultCategory, (await Battles.GetAsync(started.BattleId, session)).Category);
        await WaitUntilFinishedAsync(started.BattleId, session);
    }

    [Fact]
    public async Task Vote_WhileTheCategoryIsStillUnknown_WaitsForTheFiling_AndIsRecordedUnderIt()
    {
        var session = Guid.NewGuid().ToString("N");
        var category = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var prompt = await Moderation.CheckAsync("What is the derivative of x squared?", PromptUse.Battle);
        var started = await Battles.StartAsync(session, prompt, () => category.Task, ex => Assert.Fail(ex.ToString())).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilFinishedAsync(started.BattleId, session);

        var vote = Battles.VoteAsync(started.BattleId, session, BattleOutcome.A);
        // Far below the filing wait (30 s), far above what a vote takes here: a vote that did not wait has answered by now.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(vote.IsCompleted, "The vote was recorded before the battle's category was filed.");
        category.SetResult("math");
        await vote.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("math", (await Battles.GetAsync(started.BattleId, session)).Category);
    }

    [Fact]
    public async Task Start_AsksTheClassifierOnlyOnceTheBattleHasStarted()
    {
        // The classifier's CPU would otherwise compete with the models' requests: it is asked after the start.
        var session = Guid.NewGuid().ToString("N");
        var prompt = await Moderation.CheckAsync("Write a haiku about rain.", PromptUse.Battle);
        var sessions = fixture.Factory.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(session);
        var battlesWhenAsked = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var started = await Battles.StartAsync(session, prompt, async () =>
        {
            battlesWhenAsked.TrySetResult((await sessions.GetBattlesAsync()).Count);
            return "creative_writing";
        }, ex => Assert.Fail(ex.ToString())).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await battlesWhenAsked.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await WaitUntilFinishedAsync(started.BattleId, session);
    }

    private async Task WaitUntilFinishedAsync(Guid battleId, string session) =>
        await Eventually.TrueAsync(async () => (await Battles.GetAsync(battleId, session)).Status != BattleStatus.Streaming, "the battle's answers to end");
}
