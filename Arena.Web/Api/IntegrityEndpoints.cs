using System.Text.Json.Serialization;
using Arena.Ratings;

namespace Arena.Web.Api;

/// <summary>The rigging detector's quarantine, for operators (admin key): list the flagged voters, clear one.</summary>
public static class IntegrityEndpoints
{
    public sealed record ClearBody([property: JsonPropertyName("voter")] string? Voter);

    public sealed record FlaggedVoter(
        string Voter,
        string Kind,
        string Reason,
        DateTimeOffset FlaggedAt,
        DateTimeOffset? ClearedAt,
        bool Active,
        long Votes,
        IReadOnlyList<Guid> Battles);

    public sealed record Quarantine(long QuarantinedVotes, IReadOnlyList<FlaggedVoter> Voters);

    public sealed record Cleared(string Voter, long RestoredVotes, long QuarantinedVotes);

    public static IEndpointRouteBuilder MapIntegrityApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/integrity").WithTags("Integrity").AddEndpointFilter<AdminKey>();

        admin.MapGet("/quarantine", async (IClusterClient client) =>
        {
            var report = await client.GetGrain<ILeaderboardGrain>(0).GetQuarantineAsync();
            return TypedResults.Ok(new Quarantine(
                report.QuarantinedVotes,
                report.Voters.Select(v => new FlaggedVoter(
                    v.Flag.Voter,
                    v.Flag.Voter.StartsWith(QuarantineFlag.SessionPrefix, StringComparison.Ordinal) ? "session" : "client",
                    v.Flag.Reason,
                    v.Flag.FlaggedAt,
                    v.Flag.ClearedAt,
                    v.Flag.Active,
                    v.Votes,
                    v.Battles)).ToArray()));
        })
        .WithName("GetQuarantine")
        .WithSummary("List the voters the rigging detector flagged")
        .WithDescription("Every flag, active and cleared, with the rule it broke, the voter's votes and its first battle ids. Votes of an active flag are in the ledger but not rated.");

        admin.MapPost("/quarantine/clear", async (HttpContext http, IClusterClient client) =>
        {
            var body = await JsonBody.ReadAsync<ClearBody>(http.Request, """{"voter": "session:0123456789abcdef"}""");
            if (string.IsNullOrWhiteSpace(body.Voter))
            {
                throw ArenaException.Invalid("Name the voter to clear: {\"voter\": \"session:<hash>\"} or \"client:<hash>\", as GET /api/admin/integrity/quarantine lists them.");
            }

            var cleared = await client.GetGrain<ILeaderboardGrain>(0).ClearQuarantineAsync(body.Voter.Trim());
            return TypedResults.Ok(new Cleared(cleared.Voter, cleared.RestoredVotes, cleared.QuarantinedVotes));
        })
        .WithName("ClearQuarantine")
        .WithSummary("Clear a voter's quarantine")
        .WithDescription("An operator's decision: the voter's votes count again (the ratings are rebuilt from the ledger) and the voter is not flagged again.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
