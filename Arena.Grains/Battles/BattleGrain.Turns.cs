using Arena.Models;
using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>
/// Running a turn: both sides at once, each on a chosen replica, streamed onto the battle's stream. A side that fails
/// before its first token is tried again: once after a model server's error, for a few seconds while its replica cannot
/// be reached.
/// </summary>
public sealed partial class BattleGrain
{
    private const string SaveFailedMessage = "Arena could not save this answer. Regenerate to try again.";

    /// <summary>How long after a side began its model is tried again while the call cannot reach it.</summary>
    private static readonly TimeSpan UnreachedRetryWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstUnreachedPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestUnreachedPause = TimeSpan.FromSeconds(1);

    /// <summary>Whether a side that failed before its first token is tried again.</summary>
    private enum SideRetry
    {
        /// <summary>Never: it finished, or the user stopped it.</summary>
        No,

        /// <summary>Once: the model server answered with an error.</summary>
        Once,

        /// <summary>With pauses, for <see cref="UnreachedRetryWindow"/>: the grain call itself failed.</summary>
        WhileUnreached,
    }

    /// <summary>Runs both sides of a turn in this activation's context, off the caller's request.</summary>
    private void StartTurn(int turn)
    {
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _running = RunTurnAsync(turn, _stop.Token);
    }

    /// <summary>
    /// Runs the turn to its end, whatever fails on the way: every side ends (done, or with its error), the battle
    /// leaves <see cref="BattleStatus.Streaming"/>, and <see cref="BattleEventKind.BattleDone"/> is published, so
    /// the owner can vote or regenerate and watchers stop waiting.
    /// </summary>
    private async Task RunTurnAsync(int turn, CancellationToken stop)
    {
        var t = Battle.Turns[turn];
        try
        {
            await Task.WhenAll(RunSideAsync(turn, Side.A, Battle.ModelA, stop), RunSideAsync(turn, Side.B, Battle.ModelB, stop));
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, this.GetPrimaryKey(), turn);
        }

        foreach (var side in new[] { Side.A, Side.B }.Where(s => !t[s].IsFinished))
        {
            // A side that failed without ending itself.
            Fail(t[side], "The answer ended unexpectedly. Regenerate to try again.");
            await PublishAsync(new BattleEvent(BattleEventKind.SideError, turn, side, t[side].Text.Length, t[side].Error!));
        }

        t.FinishedAt = time.GetUtcNow();
        Battle.Status = Judgeable(t) ? BattleStatus.ReadyToVote : BattleStatus.Failed;

        // Should this write fail, both answers' ends are stored already (a side whose own write failed ended with an
        // error): a later write, or the next activation, stores the turn's end as it is here.
        await TrySaveAsync(turn);
        if (_stale)
        {
            DeactivateOnIdle();
        }

        await PublishAsync(new BattleEvent(BattleEventKind.BattleDone, turn, null, 0, ""));
    }

    /// <summary>True when both answers of the turn finished with something to judge.</summary>
    private static bool Judgeable(TurnState t) =>
        t.A is { Status: SideStatus.Done, StoppedEmpty: false } && t.B is { Status: SideStatus.Done, StoppedEmpty: false };

    /// <summary>Writes the battle (with retries); false, logged, if the write did not succeed.</summary>
    private async Task<bool> TrySaveAsync(int turn)
    {
        try
        {
            await SaveAsync();
            return true;
        }
        catch (Exception ex)
        {
            LogTurnNotSaved(logger, ex, this.GetPrimaryKey(), turn);
            return false;
        }
    }

    private async Task RunSideAsync(int turn, Side side, string modelId, CancellationToken stop)
    {
        var answer = Battle.Turns[turn][side];
        answer.Status = SideStatus.Streaming;
        var request = new GenerationRequest(History(turn, side), Purpose: PurposeOf(turn));
        string? failedReplica = null;
        var began = time.GetTimestamp();
        var pause = FirstUnreachedPause;
        for (var attempt = 0; !answer.IsFinished && !stop.IsCancellationRequested; attempt++)
        {
            var replica = await ChooseReplicaAsync(modelId, avoid: failedReplica);
            if (replica is null)
            {
                Fail(answer, answer.Error ?? "This assistant is not available right now. Start a new round.");
                break;
            }

            var (error, retry) = await StreamAsync(turn, side, replica.Value, request, answer, stop);
            if (answer.IsFinished || stop.IsCancellationRequested)
            {
                break;
            }

            // Only a failure before the first token is tried again: the user has seen nothing yet.
            answer.Error = error;
            failedReplica = replica.Value.GrainKey;
            var again = answer.Text.Length == 0 && retry switch
            {
                SideRetry.Once => attempt == 0,
                SideRetry.WhileUnreached => time.GetElapsedTime(began) + pause <= UnreachedRetryWindow,
                _ => false,
            };
            if (!again)
            {
                Fail(answer, error);
                break;
            }

            if (retry == SideRetry.WhileUnreached)
            {
                try
                {
                    await Task.Delay(pause, time, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                pause = pause * 2 < LongestUnreachedPause ? pause * 2 : LongestUnreachedPause;
            }
        }

        if (!answer.IsFinished && stop.IsCancellationRequested)
        {
            answer.Status = SideStatus.Done;
            answer.Error = null;
            answer.FinishReason = BattleRules.StoppedReason;
        }

        if (!await TrySaveAsync(turn))
        {
            // Not stored, so not shown as done: the owner regenerates rather than votes on an answer the database lacks.
            Fail(answer, SaveFailedMessage);
        }

        await PublishAsync(answer.Status == SideStatus.Done
            ? new BattleEvent(BattleEventKind.SideDone, turn, side, answer.Text.Length, "")
            : new BattleEvent(BattleEventKind.SideError, turn, side, answer.Text.Length, answer.Error ?? "The assistant failed."));
    }

    /// <summary>Streams one attempt into the answer; returns the error and whether a retry may help, if it failed.</summary>
    private async Task<(string Error, SideRetry Retry)> StreamAsync(
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
                    return ("", SideRetry.No);
                }

                if (chunk.Error is { } error)
                {
                    // The server's own words may name its host, port or model: operators read them in the log, users get the kind.
                    var kind = chunk.ErrorKind ?? ModelFailure.ServerError;
                    LogSideError(logger, this.GetPrimaryKey(), side, replica.GrainKey, kind, error);
                    return (ModelFailure.UserMessage(kind), kind == ModelFailure.Stopped ? SideRetry.No : SideRetry.Once);
                }
            }

            return ("The model's answer ended unexpectedly.", SideRetry.Once);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return ("The answer was stopped.", SideRetry.No);
        }
        catch (Exception ex)
        {
            // The call did not reach the replica, or its silo died: another replica may answer, or this one once the
            // cluster has settled (a silo that just died is still in the directory for a few seconds). A refusal of
            // the model grain's own is a decision, not a fault of the way there: it is asked once more.
            LogSideFailed(logger, ex, this.GetPrimaryKey(), side, replica.GrainKey);
            return ("The assistant could not be reached. Start a new round.", ex is ArenaException ? SideRetry.Once : SideRetry.WhileUnreached);
        }
    }

    /// <summary>
    /// The replica to ask: the only one, or the healthy one with the shortest queue. After a failure, another replica
    /// if one can answer, else <paramref name="avoid"/> (the one that failed) once more.
    /// </summary>
    private async Task<ReplicaKey?> ChooseReplicaAsync(string modelId, string? avoid)
    {
        if (catalog.Find(modelId) is not { } model)
        {
            return null;
        }

        var all = directory.ReplicasOf(model);
        var failed = all.Where(r => r.GrainKey == avoid).Select(r => (ReplicaKey?)r).FirstOrDefault();
        var others = all.Where(r => r.GrainKey != avoid).ToArray();
        if (others.Length <= 1)
        {
            return others.Length == 1 ? others[0] : failed;
        }

        var live = await Task.WhenAll(others.Select(async r =>
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
        return directory.ChooseReplica(modelId, live) ?? failed;
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

    /// <summary>Refuses a regenerate once the latest turn's prompt was answered anew <paramref name="max"/> times (0: no cap).</summary>
    private void EnsureRegenerateAllowed(int max)
    {
        // A regenerate supersedes the latest turn and adds one with the same prompt: the superseded turns
        // just before the latest are its earlier answers.
        var regenerated = 0;
        for (var i = Battle.Turns.Count - 2; i >= 0 && Battle.Turns[i].Superseded; i--)
        {
            regenerated++;
        }

        if (max > 0 && regenerated >= max)
        {
            throw ArenaException.TooManyRequests(
                $"This prompt has been regenerated {regenerated} {(regenerated == 1 ? "time" : "times")}, the most a turn may be. Vote, ask a follow-up, or start a new round.",
                retryAfter: null);
        }
    }

    private static void Fail(SideState answer, string error)
    {
        answer.Status = SideStatus.Failed;
        answer.Error = error;
    }

    private async Task PublishAsync(BattleEvent e)
    {
        try
        {
            await Events.Publish(e);
        }
        catch (Exception ex)
        {
            // The transcript holds the text; a watcher that missed this event reads it from the snapshot.
            LogPublishFailed(logger, ex, this.GetPrimaryKey(), e.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId} turn {Turn} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, Guid battleId, int turn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId} turn {Turn}: the battle could not be stored, even after retrying")]
    private static partial void LogTurnNotSaved(ILogger logger, Exception exception, Guid battleId, int turn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} side {Side} ({ModelId}) failed")]
    private static partial void LogSideFailed(ILogger logger, Exception exception, Guid battleId, Side side, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} side {Side} ({ModelId}) failed ({Kind}): {Detail}")]
    private static partial void LogSideError(ILogger logger, Guid battleId, Side side, string modelId, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId} could not publish a {Kind} event")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid battleId, BattleEventKind kind);
}
