using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Arena.Web.Moderation;

/// <summary>The local block list: refuses a prompt that contains any configured word, phrase or pattern.</summary>
public sealed class BlockListModerator : IPromptModerator
{
    public const string SourceName = "blocklist";

    private readonly Regex? _pattern;

    public BlockListModerator(IOptions<ModerationOptions> options, IHostEnvironment environment)
    {
        var entries = BlockListPattern.Entries(options.Value, environment.ContentRootPath);
        EntryCount = entries.Count;
        _pattern = BlockListPattern.Build(entries);
    }

    public string Source => SourceName;

    public string Description => "this arena's block list";

    /// <summary>How many entries the list holds.</summary>
    public int EntryCount { get; }

    public ValueTask<ModerationVerdict> CheckAsync(string prompt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_pattern?.IsMatch(prompt) == true ? ModerationVerdict.FlaggedIn() : ModerationVerdict.Allowed);
}
