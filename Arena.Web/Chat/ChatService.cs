using Arena.Battles;
using Arena.Routing;
using Arena.Sessions;
using Arena.Web.Assistant;
using Arena.Web.Battles;
using Arena.Web.Capacity;
using Arena.Web.Moderation;
using Microsoft.Extensions.Options;
using RouteContext = Arena.Routing.RouteContext;

namespace Arena.Web.Chat;

/// <summary>
/// The chat flow: a user's message is routed (session context first, then the classifier) and goes either to a
/// new arena battle, filed under its category, or to the session's assistant conversation (its workflow). Each
/// decision is counted in the routing statistics and metrics.
/// </summary>
public sealed partial class ChatService(
    IClusterClient client,
    BattleService battles,
    AssistantService assistant,
    RouterMetrics metrics,
    PromptModeration moderation,
    StartAdmission admission,
    TimeProvider time,
    IOptions<BattleLimits> limits,
    IOptions<RouterOptions> router,
    ILogger<ChatService> logger)
{
    /// <summary>The reason given when the user sends a message to the arena themselves.</summary>
    public const string ForcedReason = "sent to the arena by the user";

    /// <summary>
    /// Routes and sends a message. With <paramref name="forceArena"/> the message goes to the arena whatever the
    /// router says (its category still comes from the classifier) and the session's workflow ends.
    /// </summary>
    public async Task<ChatReply> SendAsync(string sessionId, string? message, bool forceArena, string clientHash = "")
    {
        var valid = Validate(message);
        using var admitted = admission.Admit(); // past capacity, refused at once rather than queued
        var text = await moderation.CheckAsync(valid, PromptUse.Chat); // before anything changes or reaches a model
        var session = client.GetGrain<ISessionGrain>(sessionId);
        var context = await session.GetContextAsync();
        var routeContext = new RouteContext(context.DataLoaded, context.WorkflowActive(time.GetUtcNow()));
        var routerGrain = client.GetGrain<IRouterGrain>(0);

        if (forceArena)
        {
            // The message's own category: the session's context would only say "data_analysis".
            var classified = await routerGrain.ClassifyAsync(text.Text, RouteContext.None);
            var routerChoseAssistant = routeContext.DataLoaded || routeContext.WorkflowActive || classified.Route == Routes.Assistant;
            await session.EndWorkflowAsync();
            var forced = new RouteDecision(Routes.Arena, classified.Category, classified.Confidence, ForcedReason);
            return await StartBattleAsync(sessionId, text, forced, overridden: routerChoseAssistant, clientHash);
        }

        var decision = await routerGrain.ClassifyAsync(text.Text, routeContext);
        if (decision.Route == Routes.Arena)
        {
            return await StartBattleAsync(sessionId, text, decision, overridden: false, clientHash);
        }

        var conversation = await session.ContinueWorkflowAsync();
        var snapshot = await assistant.AskAsync(sessionId, conversation, text, decision.Category);
        await RecordAsync(decision, overridden: false);
        return new ChatReply(decision.Route, decision.Category, decision.Confidence, decision.Reason, null, conversation, snapshot.Turns.Count - 1, false);
    }

    /// <summary>
    /// Starts a battle directly (<c>POST /api/battles</c>: the route is not asked), filed under the classifier's
    /// category for the prompt. Not a routing decision, so not counted in the routing statistics.
    /// </summary>
    public async Task<BattleSnapshot> StartBattleAsync(string sessionId, string? prompt, string? modelA = null, string? modelB = null, string clientHash = "")
    {
        var text = prompt?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Math.Min(limits.Value.MaxPromptChars, router.Value.MaxMessageLength))
        {
            return await battles.StartAsync(sessionId, prompt, "general", modelA, modelB, clientHash); // refuses it with the battle's own message
        }

        using var admitted = admission.Admit(); // past capacity, refused at once rather than queued
        var checkedPrompt = await moderation.CheckAsync(text, PromptUse.Battle);
        // The category does not decide the route here, so neither the answers nor the reply wait for the classifier.
        return await battles.StartAsync(sessionId, checkedPrompt, () => ClassifyAsync(text), OnFilingFailed, modelA, modelB, clientHash);
    }

    private async Task<string> ClassifyAsync(string text) =>
        (await client.GetGrain<IRouterGrain>(0).ClassifyAsync(text, RouteContext.None)).Category;

    /// <summary>Ends the session's workflow: its next message is routed on its own again.</summary>
    public Task EndWorkflowAsync(string sessionId) => client.GetGrain<ISessionGrain>(sessionId).EndWorkflowAsync();

    /// <summary>The session's datasets and the conversation of its workflow while that is active.</summary>
    public async Task<ChatContext> GetContextAsync(string sessionId)
    {
        var context = await client.GetGrain<ISessionGrain>(sessionId).GetContextAsync();
        return new ChatContext(context.Datasets, context.WorkflowActive(time.GetUtcNow()) ? context.Conversation : null);
    }

    /// <summary>The routing distribution of the chat flow so far.</summary>
    public Task<RoutingStatsSnapshot> GetRoutingStatsAsync() => client.GetGrain<IRoutingStatsGrain>(0).GetAsync();

    private async Task<ChatReply> StartBattleAsync(string sessionId, ModeratedPrompt text, RouteDecision decision, bool overridden, string clientHash)
    {
        var battle = await battles.StartAsync(sessionId, text, decision.Category, null, null, clientHash);
        await RecordAsync(decision, overridden);
        return new ChatReply(Routes.Arena, decision.Category, decision.Confidence, decision.Reason, battle.BattleId, null, null, overridden);
    }

    /// <summary>
    /// Counts a decision whose message was accepted. Statistics are secondary: if the statistics grain cannot take
    /// the record, the message has still been answered, so the failure is logged as a warning, not thrown.
    /// </summary>
    private async Task RecordAsync(RouteDecision decision, bool overridden)
    {
        var record = new RoutingRecord(decision.Route, decision.Category, Math.Clamp(decision.Confidence, 0, 1), overridden);
        metrics.Decided(record);
        try
        {
            await client.GetGrain<IRoutingStatsGrain>(0).RecordAsync(record);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStatsFailed(ex, record.Route, record.Category);
        }
    }

    private string Validate(string? message) =>
        PromptText.Validate(message, Math.Min(limits.Value.MaxPromptChars, router.Value.MaxMessageLength), "message", "Type a question or a prompt.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a routing decision ({Route}, {Category}) in the routing statistics")]
    private partial void LogStatsFailed(Exception ex, string route, string category);

    private void OnFilingFailed(Exception ex)
    {
        if (ex is ArenaException { Kind: ArenaErrorKind.Unavailable })
        {
            LogRouterBusy(ex.Message); // the router is past its queue bound: expected under a crowd, not a fault
        }
        else
        {
            LogClassifierFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not classify or file a battle's prompt; the battle stays filed under 'general'")]
    private partial void LogClassifierFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "A battle stays filed under 'general': {Reason}")]
    private partial void LogRouterBusy(string reason);
}
