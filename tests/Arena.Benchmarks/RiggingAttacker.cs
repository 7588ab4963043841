using Arena.Battles;

namespace Arena.Benchmarks;

/// <summary>
/// Min et al.'s target-only attacker: K sessions spread over a few addresses open battles, recognise the target model
/// by its answer style and vote for it whenever they see it; battles without it are skipped (no vote).
/// </summary>
public sealed class RiggingAttacker(RiggingTraffic traffic, StyleClassifier classifier, Func<string, string, string> answer, string target)
{
    /// <summary>Battles that had the target, and of those the ones where the attacker voted for it.</summary>
    public int TargetBattles { get; private set; }

    public int Recognised { get; private set; }

    /// <summary>Votes the attacker cast for a model it took for the target but was not.</summary>
    public int Mistaken { get; private set; }

    public int Battles { get; private set; }

    public List<DrillVote> Attack(IReadOnlyList<string> models, int sessions, int addresses, int battlesPerSession, TimeSpan span)
    {
        var votes = new List<DrillVote>();
        var random = new Random(sessions * 7919 + addresses);
        for (var k = 0; k < sessions; k++)
        {
            var session = $"attacker-{k}";
            var client = RiggingTraffic.Hash($"attacker-address-{k % addresses}");
            var time = traffic.Start + span * random.NextDouble();
            for (var i = 0; i < battlesPerSession; i++)
            {
                time += TimeSpan.FromSeconds(30 + random.Next(90));
                var (a, b) = traffic.Pair(models);
                var prompt = traffic.Prompt();
                Battles++;
                var side = Recognise(answer(a, prompt), answer(b, prompt));
                var hasTarget = a == target || b == target;
                TargetBattles += hasTarget ? 1 : 0;
                if (side is null)
                {
                    continue;
                }

                var chosen = side == BattleOutcome.A ? a : b;
                Recognised += chosen == target ? 1 : 0;
                Mistaken += chosen == target ? 0 : 1;
                votes.Add(new DrillVote(RiggingTraffic.Vote(a, b, side.Value, session, client, prompt, time), Rigged: true));
            }
        }

        return votes;
    }

    /// <summary>The side whose answer reads like the target's, or null when neither does (or both do).</summary>
    private BattleOutcome? Recognise(string answerA, string answerB)
    {
        var a = classifier.Score(answerA) > 0;
        var b = classifier.Score(answerB) > 0;
        return a == b ? null : a ? BattleOutcome.A : BattleOutcome.B;
    }
}
