using Arena.Grains.Tests.Battles;
using VllmSim;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// An arena whose rating rules are tight enough to see at work: ten minutes of reading time before a vote is
/// rated, no wait for the leaderboard's answer (every vote answers "recorded, reveal follows"), and a
/// debounce of an hour that only the maximum staleness (0.3 s) can cut short.
/// </summary>
public sealed class StrictRatingsFixture : ArenaClusterFixture
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromMilliseconds(300);

    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() =>
    [
        ("Arena:Ratings:MinVoteDelay", "00:10:00"),
        ("Arena:Ratings:RevealWait", "00:00:00"),
        ("Arena:Ratings:RecomputeDelay", "01:00:00"),
        ("Arena:Ratings:MaxStaleness", MaxStaleness.ToString()),
    ];

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = "sim-terse", Style = AnswerStyles.Terse, MaxTokens = 100 },
        new() { Id = "sim-chatty", Style = AnswerStyles.Chatty, MaxTokens = 100 },
    ];
}

[CollectionDefinition(Name)]
public sealed class StrictRatingsCollection : ICollectionFixture<StrictRatingsFixture>
{
    public const string Name = "strict ratings";
}
