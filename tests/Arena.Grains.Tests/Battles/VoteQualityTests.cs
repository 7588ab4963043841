using Arena.Battles;

namespace Arena.Grains.Tests.Battles;

public sealed class VoteQualityTests
{
    private static readonly DateTimeOffset Finished = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(3);

    [Fact]
    public void Violation_EarlierTurnFailedThenRegenerated_NotRatedWithTheReason()
    {
        var battle = Battle(Turn(SideStatus.Failed, superseded: true), Turn(SideStatus.Done));

        var reason = VoteQuality.Violation(battle, Finished.AddMinutes(1), MinDelay);

        Assert.NotNull(reason);
        Assert.Contains("failed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Violation_VoteSoonerThanTheMinimumAfterBothAnswersFinished_NotRatedWithTheReason()
    {
        var reason = VoteQuality.Violation(Battle(Turn(SideStatus.Done)), Finished.AddSeconds(1.2), MinDelay);

        Assert.NotNull(reason);
        Assert.Contains("1.2 s after the answers finished", reason, StringComparison.Ordinal);
        Assert.Contains("3 s", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Violation_SoonerThanTheMinimumAfterAnEarlierTurnOnly_Rated()
    {
        // Only the latest answers count: the reader had time for them.
        var earlier = Turn(SideStatus.Done);
        earlier.FinishedAt = Finished.AddMinutes(-5);
        var latest = Turn(SideStatus.Done);
        latest.FinishedAt = Finished.AddMinutes(-1);

        Assert.Null(VoteQuality.Violation(Battle(earlier, latest), Finished, MinDelay));
    }

    [Fact]
    public void Violation_VoteAfterTheMinimumOnAHealthyBattle_Rated()
    {
        Assert.Null(VoteQuality.Violation(Battle(Turn(SideStatus.Done)), Finished + MinDelay, MinDelay));
        Assert.Null(VoteQuality.Violation(Battle(Turn(SideStatus.Done)), Finished, TimeSpan.Zero));
    }

    [Fact]
    public void Violation_BattleStoredBeforeFinishTimesWereKept_Rated()
    {
        var old = Turn(SideStatus.Done);
        old.FinishedAt = null;

        Assert.Null(VoteQuality.Violation(Battle(old), Finished, MinDelay));
    }

    private static BattleState Battle(params TurnState[] turns) => new() { Status = BattleStatus.ReadyToVote, Turns = [.. turns] };

    private static TurnState Turn(SideStatus a, bool superseded = false) => new()
    {
        Prompt = "Why is the sky blue?",
        A = new SideState { Status = a, Text = a == SideStatus.Done ? "Rayleigh scattering." : "", Error = a == SideStatus.Failed ? "The assistant failed." : null },
        B = new SideState { Status = SideStatus.Done, Text = "Because of scattering." },
        Superseded = superseded,
        FinishedAt = Finished,
    };
}
