using Arena.Battles;
using Microsoft.Extensions.Options;

namespace Arena.Ratings;

/// <summary>The singleton leaderboard: online Elo, applied once per battle.</summary>
public sealed class LeaderboardGrain(
    [PersistentState("leaderboard", ArenaNames.Storage)] IPersistentState<LeaderboardState> state,
    IOptions<EloOptions> elo) : Grain, ILeaderboardGrain
{
    public async Task<VoteReveal> RecordVoteAsync(VoteRecord vote)
    {
        if (state.State.Applied.TryGetValue(vote.BattleId, out var applied))
        {
            return applied;
        }

        if (string.IsNullOrWhiteSpace(vote.ModelA) || string.IsNullOrWhiteSpace(vote.ModelB) || vote.ModelA == vote.ModelB)
        {
            throw ArenaException.Invalid("A vote needs two different models.");
        }

        if (!Enum.IsDefined(vote.Outcome))
        {
            throw ArenaException.Invalid($"Unknown outcome {(int)vote.Outcome}.");
        }

        var options = elo.Value;
        var a = Standing(vote.ModelA);
        var b = Standing(vote.ModelB);
        var (newA, newB) = Elo.Update(a.Rating, b.Rating, Elo.ScoreOfA(vote.Outcome, options), options);
        var reveal = new VoteReveal(
            vote.Outcome,
            new RatingChange(vote.ModelA, newA, newA - a.Rating),
            new RatingChange(vote.ModelB, newB, newB - b.Rating));

        a.Rating = newA;
        b.Rating = newB;
        switch (vote.Outcome)
        {
            case BattleOutcome.A:
                a.Wins++;
                b.Losses++;
                break;
            case BattleOutcome.B:
                a.Losses++;
                b.Wins++;
                break;
            default:
                a.Ties++;
                b.Ties++;
                break;
        }

        state.State.Applied[vote.BattleId] = reveal;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The vote is not durable, so it must not count: go back to what storage holds.
            await state.ReadStateAsync();
            throw;
        }

        return reveal;
    }

    public Task<LeaderboardSnapshot> GetAsync()
    {
        var models = state.State.Models
            .Select(m => new ModelStanding(m.Key, m.Value.Rating, m.Value.Votes, m.Value.Wins, m.Value.Losses, m.Value.Ties))
            .OrderByDescending(m => m.Rating)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(new LeaderboardSnapshot(models, state.State.Applied.Count));
    }

    private StandingState Standing(string model)
    {
        if (!state.State.Models.TryGetValue(model, out var standing))
        {
            standing = new StandingState { Rating = elo.Value.InitialRating };
            state.State.Models[model] = standing;
        }

        return standing;
    }
}
