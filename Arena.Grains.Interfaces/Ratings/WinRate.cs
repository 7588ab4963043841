namespace Arena.Ratings;

/// <summary>
/// Arena's one win rate, as the Chatbot Arena reports it: wins plus half the ties, over every battle counted (ties
/// and "both bad" included); null without battles. The leaderboard, the pair matrix, <c>/api/stats</c>, the
/// statistics page and the assistant's tools all use this one.
/// </summary>
public static class WinRate
{
    public static double? Of(long wins, long ties, long battles) =>
        battles <= 0 ? null : (wins + (ties / 2.0)) / battles;
}
