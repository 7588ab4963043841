using Arena.Models;
using Arena.Ratings;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Arena.Battles;

/// <summary>
/// One blind battle. It owns the transcript, streams both sides at once onto the battle's stream,
/// and accepts exactly one vote from its owner once both sides have finished.
/// </summary>
public sealed partial class BattleGrain(
    [PersistentState("battle", ArenaNames.Storage)] IPersistentState<BattleState> state,
    ModelCatalog catalog,
    ModelDirectory directory,
    TimeProvider time,
    ILogger<BattleGrain> logger) : Grain, IBattleGrain
{
    private const string InterruptedMessage = "The answer was interrupted because the server restarted. Start a new round.";

    private readonly SemaphoreSlim _saving = new(1, 1);
    private IAsyncStream<BattleEvent>? _stream;

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

        var (modelA, modelB) = ModelPairing.Draw(directory.PairableModels(), Random.Shared);
        state.State = new BattleState
        {
            Status = BattleStatus.Streaming,
            SessionId = request.SessionId,
            ModelA = modelA,
            ModelB = modelB,
            Category = string.IsNullOrWhiteSpace(request.Category) ? "general" : request.Category,
            CreatedAt = time.GetUtcNow(),
            Turns = [new TurnState { Prompt = request.Prompt }],
        };
        await SaveAsync();
        LogBattleStarted(logger, this.GetPrimaryKey(), modelA, modelB);

        // Both sides run in this activation's context, off the caller's request.
        _ = RunTurnAsync(0);
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
        if (!string.Equals(sessionId, Battle.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.Forbidden("This battle belongs to another session; only the person who started it can regenerate it.");
        }

        if (Battle.Vote is not null)
        {
            throw ArenaException.Conflict("This battle has already been voted on; start a new round instead.");
        }

        if (Battle.Status == BattleStatus.Streaming)
        {
            throw ArenaException.Conflict("The assistants are still answering; wait for them to finish before regenerating.");
        }

        var last = Battle.Turns[^1];
        last.Superseded = true;
        Battle.Turns.Add(new TurnState { Prompt = last.Prompt });
        Battle.Status = BattleStatus.Streaming;
        await SaveAsync();
        _ = RunTurnAsync(Battle.Turns.Count - 1);
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
            BattleMode.Anonymous, SessionHash(Battle.SessionId), excluded);
        var reveal = await GrainFactory.GetGrain<ILeaderboardGrain>(0).RecordVoteAsync(vote);
        Battle.Reveal = reveal;
        Battle.Status = BattleStatus.Voted;
        await SaveAsync();
        return reveal;
    }

    private async Task RunTurnAsync(int turn)
    {
        try
        {
            await Task.WhenAll(RunSideAsync(turn, Side.A, Battle.ModelA), RunSideAsync(turn, Side.B, Battle.ModelB));
            var t = Battle.Turns[turn];
            Battle.Status = t.A.Status == SideStatus.Done && t.B.Status == SideStatus.Done ? BattleStatus.ReadyToVote : BattleStatus.Failed;
            await SaveAsync();
            await PublishAsync(new BattleEvent(BattleEventKind.BattleDone, turn, null, 0, ""));
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, this.GetPrimaryKey(), turn);
        }
    }

    private async Task RunSideAsync(int turn, Side side, string modelId)
    {
        var answer = Battle.Turns[turn][side];
        answer.Status = SideStatus.Streaming;
        var request = new GenerationRequest(History(turn, side));
        string? failedReplica = null;
        for (var attempt = 0; attempt < 2 && !answer.IsFinished; attempt++)
        {
            var replica = await ChooseReplicaAsync(modelId, exclude: failedReplica);
            if (replica is null)
            {
                Fail(answer, answer.Error ?? "This assistant is not available right now. Start a new round.");
                break;
            }

            var (error, retryable) = await StreamAsync(turn, side, replica.Value, request, answer);
            if (answer.IsFinished)
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

        await SaveAsync();
        await PublishAsync(answer.Status == SideStatus.Done
            ? new BattleEvent(BattleEventKind.SideDone, turn, side, answer.Text.Length, "")
            : new BattleEvent(BattleEventKind.SideError, turn, side, answer.Text.Length, answer.Error ?? "The assistant failed."));
    }

    /// <summary>Streams one attempt into the answer; returns the error and whether a retry may help, if it failed.</summary>
    private async Task<(string Error, bool Retryable)> StreamAsync(int turn, Side side, ReplicaKey replica, GenerationRequest request, SideState answer)
    {
        try
        {
            await foreach (var chunk in GrainFactory.GetGrain<IModelGrain>(replica.GrainKey).GenerateAsync(request))
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

    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _saving.Release();
        }
    }

    private void EnsureExists()
    {
        if (Battle.Status == BattleStatus.None)
        {
            throw ArenaException.NotFound($"There is no battle {this.GetPrimaryKey()}.");
        }
    }

    private BattleSnapshot Snapshot() => new(
        this.GetPrimaryKey(),
        Battle.Status,
        Battle.Category,
        Battle.CreatedAt,
        Battle.Turns.Select(t => new TurnSnapshot(t.Prompt, Snapshot(t.A), Snapshot(t.B), t.Superseded)).ToArray(),
        Battle.Reveal?.Outcome,
        Battle.Reveal);

    private static SideSnapshot Snapshot(SideState s) =>
        new(s.Status, s.Text, s.Error, s.OutputTokens, s.TimeToFirstTokenMs, s.DurationMs, s.FinishReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Battle {BattleId} started: {ModelA} vs {ModelB}")]
    private static partial void LogBattleStarted(ILogger logger, Guid battleId, string modelA, string modelB);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId} turn {Turn} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, Guid battleId, int turn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} side {Side} ({ModelId}) failed")]
    private static partial void LogSideFailed(ILogger logger, Exception exception, Guid battleId, Side side, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} could not publish a {Kind} event")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid battleId, BattleEventKind kind);
}
