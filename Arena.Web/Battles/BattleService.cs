using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Arena.Battles;
using Arena.Models;
using Arena.Ratings;
using Arena.Sessions;
using Arena.Web.Moderation;
using Arena.Web.Limits;
using Arena.Web.Streams;
using Microsoft.Extensions.Options;

namespace Arena.Web.Battles;

/// <summary>
/// The one place the UI and the HTTP API reach the grains through. It validates input, starts and
/// reads battles, and turns a battle's events into a gap-free, duplicate-free event sequence. Every prompt
/// passes <see cref="PromptModeration"/> before it reaches a battle.
/// </summary>
public sealed class BattleService(
    IClusterClient client,
    IOptions<BattleLimits> limits,
    PromptModeration moderation,
    IOptions<RateLimitOptions> caps,
    IOptions<EventStreamOptions> streams,
    TimeProvider time,
    ILogger<BattleService> logger)
{
    /// <summary>
    /// The longest a vote waits for its battle's category to be filed; past it the vote counts under the category the
    /// battle has. As long as a grain call may take: the first message after a start loads MiniLM, which took over 5 s
    /// on a loaded CI machine.
    /// </summary>
    public static readonly TimeSpan FilingWait = TimeSpan.FromSeconds(30);

    /// <summary>Battles started here whose category is still being filed.</summary>
    private readonly ConcurrentDictionary<Guid, Task> _filings = new();

    /// <summary>Starts a blind battle for a session on a first prompt, filed under the router's category.</summary>
    public Task<BattleSnapshot> StartAsync(string sessionId, string? prompt, string category = "general") =>
        StartAsync(sessionId, prompt, category, null, null);

    /// <summary>
    /// Starts a battle for a session on a first prompt: between <paramref name="modelA"/> and
    /// <paramref name="modelB"/> (<see cref="BattleMode.Named"/>) when both are given, blind when neither is.
    /// Unknown, identical, non-arena or unavailable models are refused (Invalid) with the valid ids.
    /// <paramref name="clientHash"/> is the hash of the client's address (<see cref="Integrity.ClientAddress"/>).
    /// </summary>
    public async Task<BattleSnapshot> StartAsync(string sessionId, string? prompt, string category, string? modelA, string? modelB, string clientHash = "") =>
        await StartAsync(sessionId, await moderation.CheckAsync(ValidatePrompt(prompt), PromptUse.Battle), category, modelA, modelB, clientHash);

    /// <summary>Starts a battle on a prompt that already passed moderation (the chat flow checks before it routes).</summary>
    public async Task<BattleSnapshot> StartAsync(string sessionId, ModeratedPrompt prompt, string category, string? modelA = null, string? modelB = null, string clientHash = "")
    {
        var text = ValidatePrompt(prompt.Text);
        var id = Guid.NewGuid();
        var session = client.GetGrain<ISessionGrain>(sessionId);
        var maxOpen = caps.Value.Cap(c => c.OpenBattlesPerSession);
        if (maxOpen > 0)
        {
            await session.ReserveBattleAsync(id, maxOpen);
        }

        BattleSnapshot snapshot;
        try
        {
            snapshot = await client.GetGrain<IBattleGrain>(id).StartAsync(new StartBattle(sessionId, text, category, modelA, modelB, clientHash));
        }
        catch when (maxOpen > 0)
        {
            await session.ReleaseBattleAsync(id);
            throw;
        }

        await session.AddBattleAsync(new SessionBattle(id, Preview(text), snapshot.CreatedAt));
        return snapshot;
    }

    /// <summary>
    /// Starts a battle at once, filed under <see cref="DefaultCategory"/>, and files it under the category
    /// <paramref name="classify"/> finds: neither the answers nor the start's reply wait for the classifier, which is
    /// asked only once the battle has started, so that its CPU does not delay the models' requests either. A classifier
    /// or a filing that fails leaves the battle where it is, and the failure is raised to the caller's log by
    /// <paramref name="onFilingFailed"/>. A vote through this host waits up to <see cref="FilingWait"/> for the filing;
    /// one cast through another web host meanwhile is recorded under the category the battle has then.
    /// </summary>
    public async Task<BattleSnapshot> StartAsync(string sessionId, ModeratedPrompt prompt, Func<Task<string>> classify, Action<Exception> onFilingFailed,
        string? modelA = null, string? modelB = null, string clientHash = "")
    {
        var started = await StartAsync(sessionId, prompt, DefaultCategory, modelA, modelB, clientHash);

        // A vote through this host waits for the filing, so that it is recorded under the prompt's category.
        var filing = FileWhenKnownAsync(started, sessionId, classify, onFilingFailed);
        var pending = KeyValuePair.Create(started.BattleId, filing);
        _filings.TryAdd(pending.Key, pending.Value);
        _ = filing.ContinueWith(_ => _filings.TryRemove(pending), TaskScheduler.Default);
        return started;
    }

    private async Task FileWhenKnownAsync(BattleSnapshot started, string sessionId, Func<Task<string>> classify, Action<Exception> onFilingFailed)
    {
        try
        {
            var filed = await classify();
            if (filed != started.Category)
            {
                await client.GetGrain<IBattleGrain>(started.BattleId).FileCategoryAsync(sessionId, filed);
            }
        }
        catch (Exception ex)
        {
            onFilingFailed(ex);
        }
    }

    /// <summary>The category of a battle whose prompt was not classified.</summary>
    public const string DefaultCategory = "general";

    /// <summary>Asks both sides a follow-up prompt, on behalf of the battle's owner (see <see cref="IBattleGrain.ContinueAsync"/>).</summary>
    public async Task<BattleSnapshot> ContinueAsync(Guid battleId, string sessionId, string? prompt)
    {
        var checkedPrompt = await moderation.CheckAsync(ValidatePrompt(prompt), PromptUse.FollowUp);
        return await client.GetGrain<IBattleGrain>(battleId).ContinueAsync(sessionId, checkedPrompt.Text);
    }

    /// <summary>Stops the running turn on behalf of the battle's owner and returns the battle once both sides ended.</summary>
    public Task<BattleSnapshot> StopAsync(Guid battleId, string sessionId) =>
        client.GetGrain<IBattleGrain>(battleId).StopAsync(sessionId);

    /// <summary>
    /// The battle as <paramref name="sessionId"/> may see it (models hidden until the vote): its owner always,
    /// others once the owner shared it; to others an unshared battle is NotFound, like an unknown id.
    /// </summary>
    public Task<BattleSnapshot> GetAsync(Guid battleId, string sessionId) => client.GetGrain<IBattleGrain>(battleId).GetForAsync(sessionId);

    /// <summary>Shares the battle on behalf of its owner: anyone may then read it at its share URL (see <see cref="IBattleGrain.ShareAsync"/>).</summary>
    public Task<BattleSnapshot> ShareAsync(Guid battleId, string sessionId) =>
        client.GetGrain<IBattleGrain>(battleId).ShareAsync(sessionId);

    /// <summary>Answers the battle's last prompt again on both sides, on behalf of its owner.</summary>
    public Task<BattleSnapshot> RegenerateAsync(Guid battleId, string sessionId) =>
        client.GetGrain<IBattleGrain>(battleId).RegenerateAsync(sessionId, caps.Value.Cap(c => c.RegeneratesPerTurn));

    /// <summary>Votes on a battle on behalf of a session and returns the reveal; throws <see cref="VotePendingException"/> when the vote is recorded but its reveal follows.</summary>
    public async Task<VoteReveal> VoteAsync(Guid battleId, string sessionId, BattleOutcome outcome)
    {
        var maxPerDay = caps.Value.Cap(c => c.VotesPerSessionPerDay);
        var session = client.GetGrain<ISessionGrain>(sessionId);
        // Counted once per battle before the vote (so concurrent votes cannot pass the cap), and taken back if the battle refuses it.
        if (_filings.TryGetValue(battleId, out var filing))
        {
            await Task.WhenAny(filing, Task.Delay(FilingWait, time)); // a filing never throws: its failures are logged
        }

        var counted = maxPerDay > 0 && await session.CountVoteAsync(battleId, maxPerDay);
        try
        {
            return await client.GetGrain<IBattleGrain>(battleId).VoteAsync(sessionId, outcome);
        }
        catch (ArenaException) when (counted)
        {
            await session.UncountVoteAsync(battleId);
            throw;
        }
    }

    /// <summary>The current leaderboard, overall or for one category.</summary>
    public Task<LeaderboardSnapshot> GetLeaderboardAsync(string? category = null) => client.GetGrain<ILeaderboardGrain>(0).GetAsync(category);

    /// <summary>Battles and win rates between every pair of models.</summary>
    public Task<PairMatrix> GetMatrixAsync(string? category = null) => client.GetGrain<ILeaderboardGrain>(0).GetMatrixAsync(category);

    /// <summary>The categories that have votes.</summary>
    public Task<IReadOnlyList<string>> GetCategoriesAsync() => client.GetGrain<ILeaderboardGrain>(0).GetCategoriesAsync();

    /// <summary>Recomputes Bradley–Terry now and waits for it.</summary>
    public Task RecomputeAsync() => client.GetGrain<ILeaderboardGrain>(0).RecomputeAsync();

    /// <summary>The battles a session started, newest first.</summary>
    public Task<IReadOnlyList<SessionBattle>> GetHistoryAsync(string sessionId) =>
        client.GetGrain<ISessionGrain>(sessionId).GetBattlesAsync();

    /// <summary>
    /// The battle's events from the start: first the text so far (as token events), then the live tail,
    /// ending with <see cref="BattleEventKind.BattleDone"/>. Nothing is repeated and nothing is skipped.
    /// </summary>
    public async IAsyncEnumerable<BattleEvent> WatchAsync(Guid battleId, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in WatchFromAsync(battleId, sessionId, null, cancellationToken))
        {
            yield return e.Event;
        }
    }

    /// <summary>
    /// The battle's events after <paramref name="after"/> (from the start when null), each with the position
    /// it brings the client to, until the latest turn's battle-done event. A client that reconnects with the
    /// last position it received gets exactly the events it has not seen, across turns too. Only those who may
    /// read the battle (<see cref="GetAsync"/>) get any event. When no live event arrives within
    /// <see cref="EventStreamOptions.IdleReread"/>, the battle is read again and what the client missed is sent, so a
    /// lost event delays the watcher but never strands it.
    /// </summary>
    public async IAsyncEnumerable<PositionedEvent> WatchFromAsync(
        Guid battleId, string sessionId, TranscriptPosition? after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var watch = await EventWatch<BattleEvent>.StartAsync(client, battleId, logger);
        var battle = client.GetGrain<IBattleGrain>(battleId);
        var cursor = new TranscriptCursor(after);
        var snapshot = await battle.GetForAsync(sessionId);
        after?.EnsureWithin(snapshot);
        foreach (var e in cursor.CatchUp(snapshot))
        {
            yield return Positioned(cursor, e);
        }

        var tail = LiveTail.FollowAsync(
            watch.Events,
            () => cursor.BattleDone,
            cursor.HasGapBefore,
            e => cursor.Accept(e) is { } fresh ? Positioned(cursor, fresh) : null,
            async () =>
            {
                await watch.RenewAsync();
                return cursor.CatchUp(await battle.GetForAsync(sessionId)).Select(missed => Positioned(cursor, missed));
            },
            streams.Value.IdleReread,
            time,
            cancellationToken);
        await foreach (var e in tail)
        {
            yield return e;
        }
    }

    /// <summary>An event with the position after it; read right after the cursor accepted the event.</summary>
    private static PositionedEvent Positioned(TranscriptCursor cursor, BattleEvent e) => new(e, cursor.PositionIn(e.Turn));

    private string ValidatePrompt(string? prompt) =>
        PromptText.Validate(prompt, limits.Value.MaxPromptChars, "prompt", "Type a message for the two assistants.");

    private static string Preview(string prompt) => prompt.Length <= 120 ? prompt : prompt[..117] + "...";
}
