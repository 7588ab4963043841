using Arena.Models;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;

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
    IVoteOutbox outbox,
    IVoteLedger ledger,
    IOptions<RatingsOptions> ratings,
    IOptions<StateWriteOptions> storage,
    TimeProvider time,
    Random random,
    ILogger<BattleGrain> logger) : Grain, IBattleGrain
{
    private const string InterruptedMessage = "The answer was interrupted because the server restarted. Start a new round.";

    private StateWriter<BattleState>? _writer;
    private IBroadcastChannelWriter<BattleEvent>? _events;
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    private BattleState Battle => state.State;

    private IBroadcastChannelWriter<BattleEvent> Events => _events ??= ServiceProvider
        .GetRequiredKeyedService<IBroadcastChannelProvider>(ArenaNames.EventChannels)
        .GetChannelWriter<BattleEvent>(ChannelId.Create(ArenaNames.BattleStreamNamespace, this.GetPrimaryKey()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Answers stream only inside the activation that started them: a new activation that finds a
        // battle still streaming was interrupted by a crash or restart, or could not store the turn's end
        // (then both answers are stored as finished, and the turn ends as it did in the last activation).
        if (Battle.Status == BattleStatus.Streaming)
        {
            foreach (var side in Battle.Turns.SelectMany(t => new[] { t.A, t.B }).Where(s => !s.IsFinished))
            {
                side.Status = SideStatus.Failed;
                side.Error = InterruptedMessage;
            }

            Battle.Status = Judgeable(Battle.Turns[^1]) ? BattleStatus.ReadyToVote : BattleStatus.Failed;
            await SaveAsync();
        }

        // A vote recorded before the last activation ended may not have been revealed yet.
        await RecoverVoteAsync();
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
        var (modelA, modelB) = named ?? ModelPairing.Draw(pairable, random);
        state.State = new BattleState
        {
            Status = BattleStatus.Streaming,
            Mode = named is null ? BattleMode.Anonymous : BattleMode.Named,
            SessionId = request.SessionId,
            ClientHash = request.ClientHash,
            ModelA = modelA,
            ModelB = modelB,
            Category = string.IsNullOrWhiteSpace(request.Category) ? "general" : request.Category,
            CreatedAt = time.GetUtcNow(),
            Turns = [new TurnState { Prompt = request.Prompt }],
        };
        // The models start answering while the battle is written: the first token need not wait for the commit, and
        // the start is acknowledged only once the battle is durable.
        StartTurn(0);
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            await AbandonStartAsync();
            LogStartNotSaved(logger, ex, this.GetPrimaryKey());
            // Not the storage's exception: a database client's exceptions cannot cross silos (a web silo answered 500).
            throw ArenaException.Unavailable("Arena could not save the new battle just now, so it did not start; send the prompt again in a moment.", StartRetryAfter);
        }

        LogBattleStarted(logger, this.GetPrimaryKey(), Battle.Mode, modelA, modelB);
        await CountAsync(stats => stats.BattleStartedAsync(Battle.CreatedAt));
        return Snapshot();
    }

    /// <summary>A start whose write failed: its answers are stopped and the activation forgets it, so nothing unacknowledged remains.</summary>
    private async Task AbandonStartAsync()
    {
        await (_stop?.CancelAsync() ?? Task.CompletedTask);
        await _running;
        state.State = new BattleState();
        DeactivateOnIdle();
    }

    public async Task<BattleSnapshot> FileCategoryAsync(string sessionId, string category)
    {
        EnsureExists();
        EnsureOwner(sessionId, "file it under a category");
        if (string.IsNullOrWhiteSpace(category))
        {
            throw ArenaException.Invalid("The category is empty.");
        }

        if (Battle.Vote is null && Battle.Category != category)
        {
            var filed = Battle.Category;
            Battle.Category = category;
            try
            {
                await SaveAsync();
            }
            catch (Exception ex)
            {
                // Not stored, so not shown either: the battle stays under the category the database has.
                LogCategoryNotSaved(logger, ex, this.GetPrimaryKey(), category);
                Battle.Category = filed;
                throw ArenaException.Unavailable($"Arena could not save the battle's category '{category}' just now, so it stays under '{filed}'.");
            }
        }

        return Snapshot();
    }

    public Task<BattleSnapshot> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public Task<BattleStatus> GetStatusAsync() => Task.FromResult(Battle.Status);

    public async Task<BattleSnapshot> RegenerateAsync(string sessionId, int maxRegenerates = 0)
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

        EnsureRegenerateAllowed(maxRegenerates);
        await _running; // the previous turn's last event is out before a new turn starts
        var last = Battle.Turns[^1];
        var status = Battle.Status;
        last.Superseded = true;
        Battle.Turns.Add(new TurnState { Prompt = last.Prompt });
        Battle.Status = BattleStatus.Streaming;
        await SaveNewTurnAsync("regenerate", undo: () => last.Superseded = false, status);
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
        var status = Battle.Status;
        Battle.Turns.Add(new TurnState { Prompt = prompt });
        Battle.Status = BattleStatus.Streaming;
        await SaveNewTurnAsync("ask more", undo: () => { }, status);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Battle {BattleId} ({Mode}) started: {ModelA} vs {ModelB}")]
    private static partial void LogBattleStarted(ILogger logger, Guid battleId, BattleMode mode, string modelA, string modelB);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} could not update the battle counters")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, Guid battleId);
}
