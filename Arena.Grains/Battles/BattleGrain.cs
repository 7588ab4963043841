using Arena.Models;
using Arena.Ratings;
using Arena.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Arena.Battles;

/// <summary>
/// One battle, blind or between named models. It owns the transcript, streams both sides at once onto
/// the battle's stream, takes follow-up prompts, regenerates and stops turns, and accepts exactly one
/// vote from its owner once both sides have finished.
/// </summary>
public sealed partial class BattleGrain(
    [PersistentState("battle", ArenaNames.Storage)] IPersistentState<BattleState> state,
    ModelCatalog catalog,
    ModelDirectory directory,
    TimeProvider time,
    ILogger<BattleGrain> logger) : Grain, IBattleGrain
{
    private const string InterruptedMessage = "The answer was interrupted because the server restarted. Start a new round.";

    private StateWriter<BattleState>? _writer;
    private IAsyncStream<BattleEvent>? _stream;
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    private BattleState Battle => state.State;

    private IAsyncStream<BattleEvent> Stream => _stream ??= this.GetStreamProvider(ArenaNames.StreamProvider)
        .GetStream<BattleEvent>(StreamId.Create(ArenaNames.BattleStreamNamespace, this.GetPrimaryKey()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Answers stream only inside the activation that started them: a new activation that finds a
        // battle still streaming was interrupted by a crash or restart.
        if (Battle.Status == BattleStatus.Streaming)
        {
            foreach (var side in Battle.Turns.SelectMany(t => new[] { t.A, t.B }).Where(s => !s.IsFinished))
            {
                side.Status = SideStatus.Failed;
                side.Error = InterruptedMessage;
            }

            Battle.Status = BattleStatus.Failed;
            await SaveAsync();
        }
    }

    public async Task<BattleSnapshot> StartAsync(StartBattle request)
    {
        if (Battle.Status != BattleStatus.None)
        {
            throw ArenaException.Conflict("This battle has already started.");
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw ArenaException.Invalid("The prompt is empty.");
        }

        if (string.IsNullOrWhiteSpace(request.SessionId))
        {
            throw ArenaException.Invalid("A battle needs a session.");
        }

        var pairable = directory.PairableModels();
        var named = NamedPairing.Check(request.ModelA, request.ModelB, catalog, pairable);
        var (modelA, modelB) = named ?? ModelPairing.Draw(pairable, Random.Shared);
        state.State = new BattleState
        {
            Status = BattleStatus.Streaming,
            Mode = named is null ? BattleMode.Anonymous : BattleMode.Named,
            SessionId = request.SessionId,
            ModelA = modelA,
            ModelB = modelB,
            Category = string.IsNullOrWhiteSpace(request.Category) ? "general" : request.Category,
            CreatedAt = time.GetUtcNow(),
            Turns = [new TurnState { Prompt = request.Prompt }],
        };
        await SaveAsync();
        LogBattleStarted(logger, this.GetPrimaryKey(), Battle.Mode, modelA, modelB);
        await CountAsync(stats => stats.BattleStartedAsync(Battle.CreatedAt));
        StartTurn(0);
        return Snapshot();
    }

    public Task<BattleSnapshot> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<VoteReveal> VoteAsync(string sessionId, BattleOutcome outcome)
    {
        EnsureExists();
        if (!Enum.IsDefined(outcome))
        {
            throw ArenaException.Invalid($"Unknown vote {(int)outcome}; vote a, b, tie or both_bad.");
        }

        if (!string.Equals(sessionId, Battle.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.Forbidden("This battle belongs to another session; only the person who started it can vote.");
        }

        if (Battle.Reveal is not null)
        {
            throw ArenaException.Conflict("This battle has already been voted on.");
        }

        if (Battle.Vote is { } pending)
        {
            // A stored vote whose result was not recorded yet (a crash in between): finish that one.
            return pending == outcome
                ? await CompleteVoteAsync()
                : throw ArenaException.Conflict("This battle has already been voted on.");
        }

        switch (Battle.Status)
        {
            case BattleStatus.Streaming:
                throw ArenaException.Conflict("Both assistants must finish answering before you vote.");
            case BattleStatus.Failed when Battle.Turns[^1] is var last && (last.A.StoppedEmpty || last.B.StoppedEmpty):
                throw ArenaException.Conflict("An assistant was stopped before it wrote anything, so there is nothing to judge. Regenerate to get new answers.");
            case BattleStatus.Failed:
                throw ArenaException.Conflict("One assistant failed, so this battle cannot be voted on. Start a new round.");
        }

        Battle.Vote = outcome;
        Battle.VotedAt = time.GetUtcNow();
        try
        {
            await SaveAsync();
        }
        catch
        {
            Battle.Vote = null;
            Battle.VotedAt = null;
            throw;
        }

        return await CompleteVoteAsync();
    }

    public async Task<BattleSnapshot> RegenerateAsync(string sessionId)
    {
        EnsureExists();
        EnsureOwner(sessionId, "regenerate it");

        if (Battle.Vote is not null)
        {
            throw ArenaException.Conflict("This battle has already been voted on; start a new round instead.");
        }

        if (Battle.Status == BattleStatus.Streaming)
        {
            throw ArenaException.Conflict("The assistants are still answering; wait for them to finish (or stop them) before regenerating.");
        }

        await _running; // the previous turn's last event is out before a new turn starts
        var last = Battle.Turns[^1];
        last.Superseded = true;
        Battle.Turns.Add(new TurnState { Prompt = last.Prompt });
        Battle.Status = BattleStatus.Streaming;
        await SaveAsync();
        StartTurn(Battle.Turns.Count - 1);
        return Snapshot();
    }

    public async Task<BattleSnapshot> ContinueAsync(string sessionId, string prompt)
    {
        EnsureExists();
        EnsureOwner(sessionId, "continue the conversation");
        if (Battle.Vote is not null)
        {
            throw ArenaException.Conflict("This battle has already been voted on; start a new round to ask more.");
        }

        switch (Battle.Status)
        {
            case BattleStatus.Streaming:
                throw ArenaException.Conflict("The assistants are still answering; wait for them to finish (or stop them) before asking more.");
            case BattleStatus.Failed:
                throw ArenaException.Conflict("The last answers did not complete, so the conversation cannot go on from them; regenerate them instead.");
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw ArenaException.Invalid("The prompt is empty.");
        }

        var prompts = Battle.Turns.Count(t => !t.Superseded);
        if (prompts >= BattleRules.MaxTurns)
        {
            throw ArenaException.Invalid($"This conversation already has {prompts} prompts, the most a battle may hold; vote, or start a new round.");
        }

        await _running;
        Battle.Turns.Add(new TurnState { Prompt = prompt });
        Battle.Status = BattleStatus.Streaming;
        await SaveAsync();
        StartTurn(Battle.Turns.Count - 1);
        return Snapshot();
    }

    public async Task<BattleSnapshot> StopAsync(string sessionId)
    {
        EnsureExists();
        EnsureOwner(sessionId, "stop it");
        if (Battle.Status == BattleStatus.Streaming && _stop is { } stop)
        {
            await stop.CancelAsync();
            await _running;
        }

        return Snapshot();
    }

    private async Task<VoteReveal> CompleteVoteAsync()
    {
        var excluded = AnonymityCheck.Violation(
            string.Concat(Battle.Turns.Where(t => !t.Superseded).Select(t => t.A.Text)),
            string.Concat(Battle.Turns.Where(t => !t.Superseded).Select(t => t.B.Text)),
            catalog.Find(Battle.ModelA),
            catalog.Find(Battle.ModelB));
        var vote = new VoteRecord(
            this.GetPrimaryKey(), Battle.ModelA, Battle.ModelB, Battle.Vote!.Value, Battle.Category, Battle.VotedAt!.Value,
            Battle.Mode, SessionHash(Battle.SessionId), excluded);
        var reveal = await GrainFactory.GetGrain<ILeaderboardGrain>(0).RecordVoteAsync(vote);
        if (Battle.Mode == BattleMode.Named && reveal.ExcludedReason is null)
        {
            reveal = reveal with { ExcludedReason = "The models were named, so the vote is kept but not rated." };
        }

        var firstTime = Battle.Reveal is null;
        Battle.Reveal = reveal;
        Battle.Status = BattleStatus.Voted;
        await SaveAsync();
        if (firstTime)
        {
            await CountAsync(stats => stats.BattleVotedAsync(Battle.CreatedAt, Battle.VotedAt!.Value));
        }

        return reveal;
    }

    /// <summary>Runs both sides of a turn in this activation's context, off the caller's request.</summary>
    private void StartTurn(int turn)
    {
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _running = RunTurnAsync(turn, _stop.Token);
    }

    private async Task RunTurnAsync(int turn, CancellationToken stop)
    {
        try
        {
            await Task.WhenAll(RunSideAsync(turn, Side.A, Battle.ModelA, stop), RunSideAsync(turn, Side.B, Battle.ModelB, stop));
            var t = Battle.Turns[turn];
            var judgeable = t.A is { Status: SideStatus.Done, StoppedEmpty: false } && t.B is { Status: SideStatus.Done, StoppedEmpty: false };
            Battle.Status = judgeable ? BattleStatus.ReadyToVote : BattleStatus.Failed;
            await SaveAsync();
            await PublishAsync(new BattleEvent(BattleEventKind.BattleDone, turn, null, 0, ""));
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, this.GetPrimaryKey(), turn);
        }
    }

    private async Task RunSideAsync(int turn, Side side, string modelId, CancellationToken stop)
    {
        var answer = Battle.Turns[turn][side];
        answer.Status = SideStatus.Streaming;
        var request = new GenerationRequest(History(turn, side));
        string? failedReplica = null;
        for (var attempt = 0; attempt < 2 && !answer.IsFinished; attempt++)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var replica = await ChooseReplicaAsync(modelId, exclude: failedReplica);
            if (replica is null)
            {
                Fail(answer, answer.Error ?? "This assistant is not available right now. Start a new round.");
                break;
            }

            var (error, retryable) = await StreamAsync(turn, side, replica.Value, request, answer, stop);
            if (answer.IsFinished || stop.IsCancellationRequested)
            {
                break;
            }

            // A failure before the first token is retried once, on another replica if there is one.
            answer.Error = error;
            failedReplica = replica.Value.GrainKey;
            if (!retryable || answer.Text.Length > 0 || attempt == 1)
            {
                Fail(answer, error);
            }
        }

        if (!answer.IsFinished && stop.IsCancellationRequested)
        {
            answer.Status = SideStatus.Done;
            answer.Error = null;
            answer.FinishReason = BattleRules.StoppedReason;
        }

        await SaveAsync();
        await PublishAsync(answer.Status == SideStatus.Done
            ? new BattleEvent(BattleEventKind.SideDone, turn, side, answer.Text.Length, "")
            : new BattleEvent(BattleEventKind.SideError, turn, side, answer.Text.Length, answer.Error ?? "The assistant failed."));
    }

    /// <summary>Streams one attempt into the answer; returns the error and whether a retry may help, if it failed.</summary>
    private async Task<(string Error, bool Retryable)> StreamAsync(
        int turn, Side side, ReplicaKey replica, GenerationRequest request, SideState answer, CancellationToken stop)
    {
        try
        {
            // The token reaches the model grain, which closes its HTTP stream to the model server.
            await foreach (var chunk in GrainFactory.GetGrain<IModelGrain>(replica.GrainKey).GenerateAsync(request, stop).WithCancellation(stop))
            {
                if (chunk.Text.Length > 0)
                {
                    var offset = answer.Text.Length;
                    answer.Text += chunk.Text;
                    answer.OutputTokens += chunk.Tokens;
                    await PublishAsync(new BattleEvent(BattleEventKind.Token, turn, side, offset, chunk.Text));
                }

                if (chunk.Completion is { } done)
                {
                    answer.Status = SideStatus.Done;
                    answer.Error = null;
                    answer.FinishReason = done.FinishReason;
                    answer.InputTokens = done.InputTokens;
                    answer.OutputTokens = done.OutputTokens;
                    answer.TimeToFirstTokenMs = done.TimeToFirstTokenMs;
                    answer.DurationMs = done.DurationMs;
                    return ("", false);
                }

                if (chunk.Error is { } error)
                {
                    return (error, chunk.ErrorKind != ModelFailure.Stopped);
                }
            }

            return ("The model's answer ended unexpectedly.", true);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return ("The answer was stopped.", false);
        }
        catch (Exception ex)
        {
            // The replica's silo died or no silo can host it: another replica may still answer.
            LogSideFailed(logger, ex, this.GetPrimaryKey(), side, replica.GrainKey);
            return ("The assistant could not be reached. Start a new round.", true);
        }
    }

    /// <summary>The replica to ask: the only one, or the healthy one with the shortest queue.</summary>
    private async Task<ReplicaKey?> ChooseReplicaAsync(string modelId, string? exclude)
    {
        if (catalog.Find(modelId) is not { } model)
        {
            return null;
        }

        var replicas = directory.ReplicasOf(model).Where(r => r.GrainKey != exclude).ToArray();
        if (replicas.Length <= 1)
        {
            return replicas.Length == 1 ? replicas[0] : null;
        }

        var live = await Task.WhenAll(replicas.Select(async r =>
        {
            try
            {
                return await GrainFactory.GetGrain<IModelGrain>(r.GrainKey).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(2), time);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return new ReplicaStatus(r.GrainKey, r.Node, "", ReplicaHealth.Unreachable, ex.Message, 0, 0, null);
            }
        }));
        return directory.ChooseReplica(modelId, live, exclude);
    }

    /// <summary>The conversation one side has seen: every earlier prompt with its own answer, then this prompt.</summary>
    private List<ChatMessage> History(int turn, Side side)
    {
        var messages = new List<ChatMessage>();
        foreach (var earlier in Battle.Turns.Take(turn).Where(t => !t.Superseded))
        {
            messages.Add(new ChatMessage(ChatRole.User, earlier.Prompt));
            messages.Add(new ChatMessage(ChatRole.Assistant, earlier[side].Text));
        }

        messages.Add(new ChatMessage(ChatRole.User, Battle.Turns[turn].Prompt));
        return messages;
    }

    /// <summary>A short, one-way hash of the session id: the ledger can tell voters apart without knowing them.</summary>
    private static string SessionHash(string sessionId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId)))[..16];

    private static void Fail(SideState answer, string error)
    {
        answer.Status = SideStatus.Failed;
        answer.Error = error;
    }

    private async Task PublishAsync(BattleEvent e)
    {
        try
        {
            await Stream.OnNextAsync(e);
        }
        catch (Exception ex)
        {
            // The transcript holds the text; a watcher that missed this event reads it from the snapshot.
            LogPublishFailed(logger, ex, this.GetPrimaryKey(), e.Kind);
        }
    }

    private Task SaveAsync() => (_writer ??= new(state)).WriteAsync();

    private void EnsureOwner(string sessionId, string action)
    {
        if (!string.Equals(sessionId, Battle.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.Forbidden($"This battle belongs to another session; only the person who started it can {action}.");
        }
    }

    /// <summary>Updates the daily battle counters; a failure there is logged and never fails the battle.</summary>
    private async Task CountAsync(Func<IBattleStatsGrain, Task> update)
    {
        try
        {
            await update(GrainFactory.GetGrain<IBattleStatsGrain>(0));
        }
        catch (Exception ex)
        {
            LogCountFailed(logger, ex, this.GetPrimaryKey());
        }
    }

    private void EnsureExists()
    {
        if (Battle.Status == BattleStatus.None)
        {
            throw ArenaException.NotFound($"There is no battle {this.GetPrimaryKey()}.");
        }
    }

    private BattleSnapshot Snapshot()
    {
        var named = Battle.Mode == BattleMode.Named;
        var shown = named || Battle.Reveal is not null;
        var shareable = named ? Battle.Status != BattleStatus.Streaming : Battle.Reveal is not null;
        return new(
            this.GetPrimaryKey(),
            Battle.Status,
            Battle.Category,
            Battle.CreatedAt,
            Battle.Turns.Select(t => new TurnSnapshot(t.Prompt, Snapshot(t.A), Snapshot(t.B), t.Superseded)).ToArray(),
            Battle.Reveal?.Outcome,
            Battle.Reveal,
            Battle.Mode,
            shown ? Battle.ModelA : null,
            shown ? Battle.ModelB : null,
            shareable ? BattleRules.SharePath(this.GetPrimaryKey()) : null);
    }

    private static SideSnapshot Snapshot(SideState s) =>
        new(s.Status, s.Text, s.Error, s.OutputTokens, s.TimeToFirstTokenMs, s.DurationMs, s.FinishReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Battle {BattleId} ({Mode}) started: {ModelA} vs {ModelB}")]
    private static partial void LogBattleStarted(ILogger logger, Guid battleId, BattleMode mode, string modelA, string modelB);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} could not update the battle counters")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, Guid battleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId} turn {Turn} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, Guid battleId, int turn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} side {Side} ({ModelId}) failed")]
    private static partial void LogSideFailed(ILogger logger, Exception exception, Guid battleId, Side side, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} could not publish a {Kind} event")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid battleId, BattleEventKind kind);
}
