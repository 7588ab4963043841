using Arena.Sessions;
using Arena.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;

namespace Arena.Assistant;

/// <summary>
/// One conversation with the tool-calling assistant. It belongs to the session that sent its first
/// message, runs one turn at a time off the caller's request, keeps the authoritative transcript
/// (text, tool steps, errors) and streams the turn's events in-band.
/// </summary>
public sealed partial class AssistantGrain(
    [PersistentState("assistant", ArenaNames.Storage)] IPersistentState<AssistantState> state,
    AssistantModels models,
    AssistantLoop loop,
    IOptions<AssistantOptions> options,
    IOptions<StateWriteOptions> storage,
    TimeProvider time,
    ILogger<AssistantGrain> logger) : Grain, IAssistantGrain
{
    public const string InterruptedMessage = "The answer was interrupted because the server restarted. Send your message again.";

    private StateWriter<AssistantState>? _writer;
    private IBroadcastChannelWriter<AssistantEvent>? _events;
    private CancellationTokenSource? _running;

    private AssistantState Conversation => state.State;

    private IBroadcastChannelWriter<AssistantEvent> Events => _events ??= ServiceProvider
        .GetRequiredKeyedService<IBroadcastChannelProvider>(ArenaNames.EventChannels)
        .GetChannelWriter<AssistantEvent>(ChannelId.Create(ArenaNames.AssistantStreamNamespace, this.GetPrimaryKey()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A turn runs only inside the activation that started it: one found running was cut off.
        if (Conversation.Turns.Count > 0 && Conversation.Turns[^1] is { Status: AssistantStatus.Running } turn)
        {
            turn.Status = AssistantStatus.Failed;
            turn.Error = InterruptedMessage;
            await SaveAsync();
        }
    }

    public async Task<AssistantSnapshot> AskAsync(AssistantRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.SessionId))
        {
            throw ArenaException.Invalid("A conversation needs a session.");
        }

        var message = request.Message?.Trim() ?? "";
        if (message.Length == 0)
        {
            throw ArenaException.Invalid("The message is empty. Type a question for the assistant.");
        }

        var max = options.Value.MaxMessageChars;
        if (message.Length > max)
        {
            throw ArenaException.Invalid($"The message has {message.Length} characters; the limit is {max}.");
        }

        if (Conversation.SessionId.Length > 0)
        {
            EnsureOwner(request.SessionId, "send messages to it");
        }

        if (request.MaxTurns > 0 && Conversation.Turns.Count >= request.MaxTurns)
        {
            throw ArenaException.TooManyRequests(
                $"This conversation holds {Conversation.Turns.Count} {(Conversation.Turns.Count == 1 ? "message" : "messages")}, the most one may hold. End the data session (or send your message to the arena) to start a new conversation.",
                retryAfter: null);
        }

        if (_running is not null)
        {
            throw ArenaException.Conflict("The assistant is still answering the previous message; wait for it to finish or stop it.");
        }

        var model = models.Resolve();
        var session = await GrainFactory.GetGrain<ISessionGrain>(request.SessionId).GetContextAsync();
        var previous = (Conversation.SessionId, Conversation.Model);
        var turn = new AssistantTurnState
        {
            Prompt = message,
            Category = string.IsNullOrWhiteSpace(request.Category) ? "general" : request.Category.Trim(),
            Status = AssistantStatus.Running,
            StartedAt = time.GetUtcNow(),
        };
        Conversation.SessionId = request.SessionId;
        Conversation.Model = model.Definition.Id;
        Conversation.Turns.Add(turn);
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            Conversation.Turns.RemoveAt(Conversation.Turns.Count - 1);
            (Conversation.SessionId, Conversation.Model) = previous;
            LogSaveFailed(logger, ex, this.GetPrimaryKey());
            throw ArenaException.Unavailable("Arena could not save your message just now, so nothing changed; send it again in a moment.", TimeSpan.FromSeconds(2));
        }

        LogTurnStarted(logger, this.GetPrimaryKey(), Conversation.Turns.Count - 1, model.Definition.Id);
        var running = new CancellationTokenSource();
        _running = running;
        // The loop runs in this activation's context, off the caller's request.
        _ = RunTurnAsync(Conversation.Turns.Count - 1, model, new ToolContext(request.SessionId, session.Datasets), running);
        return Snapshot();
    }

    public Task<AssistantSnapshot> GetAsync(string sessionId)
    {
        EnsureExists();
        EnsureOwner(sessionId, "read it");
        return Task.FromResult(Snapshot());
    }

    private const string StoppedToolResult = "{\"error\":\"Stopped by the user before the tool finished.\"}";

    public async Task<AssistantSnapshot> StopAsync(string sessionId)
    {
        EnsureExists();
        EnsureOwner(sessionId, "stop it");
        if (_running is { } running && Conversation.Turns[^1] is { Status: AssistantStatus.Running } turn)
        {
            // Cancelling also cancels the HTTP request to the model and any tool under way.
            await running.CancelAsync();
            turn.Status = AssistantStatus.Stopped;
            turn.DurationMs = Elapsed(turn);

            // A tool cut short has no result of its own: say so, rather than leave the step pending forever.
            for (var i = 0; i < turn.Steps.Count; i++)
            {
                if (turn.Steps[i].Result is null)
                {
                    turn.Steps[i] = turn.Steps[i] with { Result = StoppedToolResult, IsError = true };
                }
            }

            await SaveAsync();
            await PublishAsync(new AssistantEvent(AssistantEventKind.TurnDone, Conversation.Turns.Count - 1, turn.Text.Length, "", null));
        }

        return Snapshot();
    }

    private async Task RunTurnAsync(int index, AssistantModel model, ToolContext context, CancellationTokenSource running)
    {
        var turn = Conversation.Turns[index];
        try
        {
            var outcome = await loop.RunAsync(model, History(index), context, new Recorder(this, index, running.Token), running.Token);
            turn.Status = outcome.Status;
            turn.Error = outcome.Error;
            turn.DurationMs = Elapsed(turn);
            await SaveAsync();
            await PublishAsync(outcome.Status == AssistantStatus.Done
                ? new AssistantEvent(AssistantEventKind.TurnDone, index, turn.Text.Length, "", null)
                : new AssistantEvent(AssistantEventKind.TurnError, index, turn.Text.Length, outcome.Error ?? "The assistant failed.", null));
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // StopAsync recorded and announced the stop.
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, this.GetPrimaryKey(), index);
            if (turn.Status == AssistantStatus.Running)
            {
                turn.Status = AssistantStatus.Failed;
                turn.Error = "The assistant failed unexpectedly. Send your message again.";
                turn.DurationMs = Elapsed(turn);
                await SaveQuietlyAsync();
                await PublishAsync(new AssistantEvent(AssistantEventKind.TurnError, index, turn.Text.Length, turn.Error, null));
            }
        }
        finally
        {
            if (ReferenceEquals(_running, running))
            {
                _running = null;
            }

            running.Dispose();
        }
    }

    /// <summary>The conversation the model sees: every earlier message with the answer it got, then this message.</summary>
    private List<ConversationMessage> History(int index)
    {
        var messages = new List<ConversationMessage>();
        foreach (var earlier in Conversation.Turns.Take(index))
        {
            messages.Add(ConversationMessage.User(earlier.Prompt));
            if (earlier.Text.Length > 0)
            {
                messages.Add(ConversationMessage.Assistant(earlier.Text));
            }
        }

        messages.Add(ConversationMessage.User(Conversation.Turns[index].Prompt));
        return messages;
    }

    private double Elapsed(AssistantTurnState turn) => (time.GetUtcNow() - turn.StartedAt).TotalMilliseconds;

    private void EnsureExists()
    {
        if (Conversation.Turns.Count == 0)
        {
            throw ArenaException.NotFound($"There is no assistant conversation {this.GetPrimaryKey()}.");
        }
    }

    private void EnsureOwner(string sessionId, string action)
    {
        if (!string.Equals(sessionId, Conversation.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.Forbidden($"This conversation belongs to another session; only its owner can {action}.");
        }
    }

    private async Task PublishAsync(AssistantEvent e)
    {
        try
        {
            await Events.Publish(e);
        }
        catch (Exception ex)
        {
            // The transcript holds everything; a watcher that missed this event reads it from the snapshot.
            LogPublishFailed(logger, ex, this.GetPrimaryKey(), e.Kind);
        }
    }

    /// <summary>Writes the conversation, a failed write retried as <see cref="StateWriteOptions"/> say; throws if it never succeeds.</summary>
    private Task SaveAsync() => (_writer ??= new(state, storage.Value, time)).WriteAsync((ex, attempt) => LogWriteRetried(logger, ex, this.GetPrimaryKey(), attempt));

    private async Task SaveQuietlyAsync()
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            LogSaveFailed(logger, ex, this.GetPrimaryKey());
        }
    }

    private AssistantSnapshot Snapshot() => new(
        this.GetPrimaryKey(),
        Conversation.Turns.Count == 0 ? AssistantStatus.None : Conversation.Turns[^1].Status,
        Conversation.Model,
        Conversation.Turns.Select(t => new AssistantTurnSnapshot(
            t.Prompt, t.Category, t.Status, t.Text, t.Steps.ToArray(), t.Error, t.StartedAt, t.DurationMs)).ToArray());

    /// <summary>Records the loop's progress into the turn; after a stop it refuses, so a stopped turn stays as it was.</summary>
    private sealed class Recorder(AssistantGrain grain, int index, CancellationToken stopped) : ITurnObserver
    {
        private AssistantTurnState Turn => grain.Conversation.Turns[index];

        public async Task OnTextAsync(string text)
        {
            stopped.ThrowIfCancellationRequested();
            var offset = Turn.Text.Length;
            Turn.Text += text;
            await grain.PublishAsync(new AssistantEvent(AssistantEventKind.Token, index, offset, text, null));
        }

        public async Task OnToolCallAsync(ToolStep step)
        {
            stopped.ThrowIfCancellationRequested();
            Turn.Steps.Add(step);
            await grain.SaveAsync();
            await grain.PublishAsync(new AssistantEvent(AssistantEventKind.ToolCall, index, Turn.Text.Length, "", step));
        }

        public async Task OnToolResultAsync(ToolStep step)
        {
            stopped.ThrowIfCancellationRequested();
            var at = Turn.Steps.FindIndex(s => s.Index == step.Index);
            Turn.Steps[at] = step;
            await grain.SaveAsync();
            await grain.PublishAsync(new AssistantEvent(AssistantEventKind.ToolResult, index, Turn.Text.Length, "", step));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assistant conversation {ConversationId}: a state write failed (attempt {Attempt}); trying again")]
    private static partial void LogWriteRetried(ILogger logger, Exception exception, Guid conversationId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assistant conversation {ConversationId} turn {Turn} started on {ModelId}")]
    private static partial void LogTurnStarted(ILogger logger, Guid conversationId, int turn, string modelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assistant conversation {ConversationId} turn {Turn} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, Guid conversationId, int turn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assistant conversation {ConversationId} could not publish a {Kind} event")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid conversationId, AssistantEventKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assistant conversation {ConversationId} could not save its state")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, Guid conversationId);
}
