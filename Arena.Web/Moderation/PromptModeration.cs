using Arena.Moderation;
using Microsoft.Extensions.Options;

namespace Arena.Web.Moderation;

/// <summary>
/// The one gate every prompt passes before it may reach a model: runs the registered checks in order (the block
/// list, then OpenAI's moderation when configured) and refuses the prompt at the first that flags it, with a 400
/// that names the check and its categories, never the prompt. Refusals and failed checks are logged, counted in
/// the durable moderation statistics and in the metrics.
/// </summary>
public sealed partial class PromptModeration(
    IEnumerable<IPromptModerator> moderators,
    IClusterClient client,
    ModerationMetrics metrics,
    TimeProvider time,
    IOptions<ModerationOptions> options,
    ILogger<PromptModeration> logger)
{
    /// <summary>The key of <see cref="Exception.Data"/> under which a refusal carries its <see cref="ModerationRefusal"/>.</summary>
    public const string RefusalKey = "arena.moderation";

    private readonly IPromptModerator[] _moderators = [.. moderators];

    /// <summary>The sources of the checks that run, in order (none when moderation is off).</summary>
    public IReadOnlyList<string> Sources => options.Value.Enabled ? _moderators.Select(m => m.Source).ToArray() : [];

    /// <summary>Whether a check that cannot be made refuses the prompt.</summary>
    public bool FailClosed => options.Value.FailClosed;

    /// <summary>
    /// Checks <paramref name="prompt"/> for <paramref name="use"/>. Throws <see cref="ArenaException"/> Invalid (400) when
    /// a check flags it, and Unavailable (503) when a check cannot be made and moderation fails closed.
    /// </summary>
    public async Task<ModeratedPrompt> CheckAsync(string prompt, PromptUse use, CancellationToken cancellationToken = default)
    {
        if (options.Value.Enabled)
        {
            foreach (var moderator in _moderators)
            {
                await CheckWithAsync(moderator, prompt, use, cancellationToken);
            }
        }

        return new ModeratedPrompt(prompt);
    }

    /// <summary>The moderation counters of the UTC days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<ModerationCounts> GetCountsAsync(DateOnly from, DateOnly to) => client.GetGrain<IModerationStatsGrain>(0).GetAsync(from, to);

    private async Task CheckWithAsync(IPromptModerator moderator, string prompt, PromptUse use, CancellationToken cancellationToken)
    {
        ModerationVerdict verdict;
        try
        {
            verdict = await moderator.CheckAsync(prompt, cancellationToken);
        }
        catch (ModerationUnavailableException ex)
        {
            var refuse = options.Value.FailClosed;
            LogUnavailable(ex, moderator.Source, ModerationMetrics.Tag(use), ex.Reason, refuse ? "refused (fail closed)" : "let through (fail open)");
            metrics.Unavailable(moderator.Source, use, refuse);
            await CountAsync(stats => stats.UnavailableAsync(moderator.Source, time.GetUtcNow()), moderator.Source);
            if (refuse)
            {
                throw ArenaException.Unavailable(
                    "Arena could not check your prompt with its moderation service just now, so it was not sent to any model. Try again in a minute.");
            }

            return;
        }

        if (!verdict.Flagged)
        {
            return;
        }

        LogFlagged(moderator.Source, ModerationMetrics.Tag(use), string.Join(", ", verdict.Categories));
        metrics.Flagged(moderator.Source, use);
        await CountAsync(stats => stats.FlaggedAsync(moderator.Source, time.GetUtcNow()), moderator.Source);
        throw Refusal(moderator, verdict);
    }

    private static ArenaException Refusal(IPromptModerator moderator, ModerationVerdict verdict)
    {
        var why = verdict.Categories.Count == 0
            ? moderator.Description
            : $"{moderator.Description}: {string.Join(", ", verdict.Categories)}";
        var refusal = ArenaException.Invalid(
            $"Your prompt was flagged by moderation ({why}), so it was not sent to any model. Rephrase it and send it again.");
        refusal.Data[RefusalKey] = new ModerationRefusal(moderator.Source, verdict.Categories);
        return refusal;
    }

    /// <summary>
    /// Counts in the durable statistics. The refusal or the fail-open decision stands whatever the statistics do, so a
    /// failure to count is logged as a warning rather than thrown over it.
    /// </summary>
    private async Task CountAsync(Func<IModerationStatsGrain, Task> count, string source)
    {
        try
        {
            await count(client.GetGrain<IModerationStatsGrain>(0));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCountFailed(ex, source);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moderation ({Source}) refused a {Use} prompt; categories: {Categories}")]
    private partial void LogFlagged(string source, string use, string categories);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderation ({Source}) could not check a {Use} prompt ({Reason}); the prompt was {Outcome}")]
    private partial void LogUnavailable(Exception ex, string source, string use, string reason, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a moderation event of {Source} in the moderation statistics")]
    private partial void LogCountFailed(Exception ex, string source);
}
