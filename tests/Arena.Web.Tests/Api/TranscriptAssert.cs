using System.Text;

namespace Arena.Web.Tests.Api;

/// <summary>Checks a battle's received events against its transcript.</summary>
public static class TranscriptAssert
{
    /// <summary>
    /// Every token continues its side's text exactly where the previous one ended, so the text is the
    /// transcript's with nothing twice; each followed turn ends each side and itself exactly once; ids are unique.
    /// </summary>
    public static void Matches(List<IdentifiedEvent> events, BattleView battle, int[] turnsFollowed)
    {
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        foreach (var turn in turnsFollowed)
        {
            foreach (var side in new[] { "a", "b" })
            {
                var text = new StringBuilder();
                foreach (var token in events.Where(e => e.Type == "token" && e.Turn == turn && e.Side == side))
                {
                    Assert.Equal(text.Length, token.Offset);
                    text.Append(token.Text);
                }

                var expected = side == "a" ? battle.Turns[turn].A.Text : battle.Turns[turn].B.Text;
                Assert.Equal(expected, text.ToString());
                Assert.Single(events, e => e.Type == "side_done" && e.Turn == turn && e.Side == side);
            }

            Assert.Single(events, e => e.Type == "battle_done" && e.Turn == turn);
        }
    }
}
