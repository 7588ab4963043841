using Microsoft.Extensions.Options;

namespace Arena.Ratings.Integrity;

/// <summary>What the leaderboard needs to screen votes: the detector's settings and the stored flags.</summary>
public sealed class VoteIntegrity(IOptions<IntegrityOptions> options, IQuarantineStore store)
{
    public IntegrityOptions Options => options.Value;

    public IQuarantineStore Store => store;
}
