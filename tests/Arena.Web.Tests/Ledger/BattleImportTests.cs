using System.Net;
using Arena.Ratings;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary><c>POST /api/admin/battles/import</c> on a fresh Arena (one per test) with the admin key set.</summary>
public sealed class BattleImportTests : IAsyncLifetime
{
    private const string Jsonl = "application/x-ndjson";
    private const string FixedId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

    // Line 3 is blank; line 5 is named (recorded, not rated); line 6 carries its own battle id.
    private static readonly string JsonlFile = string.Join('\n',
        """{"model_a": "alpha", "model_b": "beta", "winner": "model_a", "tstamp": 1700000000.5, "category": "coding"}""",
        """{"model_a": "beta", "model_b": "gamma", "winner": "tie", "tstamp": 1700000001}""",
        "",
        """{"model_a": "gamma", "model_b": "alpha", "winner": "tie (bothbad)", "anony": true, "question_id": "q-3", "tstamp": 1700000002}""",
        """{"model_a": "alpha", "model_b": "gamma", "winner": "model_b", "anony": false, "tstamp": 1700000003}""",
        $$"""{"model_a": "gamma", "model_b": "beta", "winner": "model_b", "battle_id": "{{FixedId}}", "tstamp": 1700000004, "judge": "ignored"}""") + "\n";

    // RFC 4180: a quoted model name with a comma and doubled quotes; CRLF line ends; the header is line 1.
    private const string CsvFile =
        "model_a,model_b,winner,tstamp,anony,category\r\n" +
        "\"delta, \"\"the fourth\"\"\",epsilon,model_b,1700000010,true,\r\n" +
        "epsilon,zeta,model_a,1700000011,True,math\r\n" +
        "zeta,\"delta, \"\"the fourth\"\"\",tie,1700000012,1,general\r\n";

    // Chunks of two rows: every file here is imported in several chunks.
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string>(LedgerApi.AdminSettings()) { ["Arena:Import:ChunkRows"] = "2" });

    private HttpClient Http => _host.Factory.CreateClient();

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Import_Jsonl_LeaderboardIsEloReplayAndExportHasTheRows()
    {
        var result = await LedgerApi.ImportAsync(Http, JsonlFile, Jsonl);

        Assert.Equal(new ImportedView(5, 0, 5), result);
        var counted = new[] { ("alpha", "beta", "model_a"), ("beta", "gamma", "tie"), ("gamma", "alpha", "tie (bothbad)"), ("gamma", "beta", "model_b") };
        EloReplay.AssertMatches(EloReplay.Ratings(counted, new EloOptions()), await LedgerApi.LeaderboardAsync(Http));

        var (body, mediaType) = await LedgerApi.ExportAsync(Http);
        Assert.Equal("application/x-ndjson", mediaType);
        var rows = LedgerApi.ParseJsonl(body);
        Assert.Equal(
            [("alpha", "beta", "model_a"), ("beta", "gamma", "tie"), ("gamma", "alpha", "tie (bothbad)"), ("alpha", "gamma", "model_b"), ("gamma", "beta", "model_b")],
            rows.Select(r => (r.ModelA, r.ModelB, r.Winner)));
        Assert.All(rows, r => Assert.Equal("import", r.Source));
        Assert.Equal(["coding", "general", "general", "general", "general"], rows.Select(r => r.Category));
        Assert.Equal([1700000000.5, 1700000001, 1700000002, 1700000003, 1700000004], rows.Select(r => r.Tstamp));
        Assert.Equal([true, true, true, false, true], rows.Select(r => r.Anony));
        Assert.Equal([true, true, true, false, true], rows.Select(r => r.Counted));
        Assert.Equal([null, null, null, "named battle", null], rows.Select(r => r.ExcludedReason));
        Assert.Equal(FixedId, rows[4].BattleId);
        Assert.Equal(5, rows.Select(r => r.BattleId).Distinct().Count());
        Assert.DoesNotContain("session", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_Csv_LeaderboardIsEloReplayAndCsvExportRoundTrips()
    {
        var result = await LedgerApi.ImportAsync(Http, CsvFile, "text/csv; charset=utf-8");

        Assert.Equal(new ImportedView(3, 0, 3), result);
        const string delta = "delta, \"the fourth\"";
        var battles = new[] { (delta, "epsilon", "model_b"), ("epsilon", "zeta", "model_a"), ("zeta", delta, "tie") };
        EloReplay.AssertMatches(EloReplay.Ratings(battles, new EloOptions()), await LedgerApi.LeaderboardAsync(Http));

        var (body, mediaType) = await LedgerApi.ExportAsync(Http, "?format=csv");
        Assert.Equal("text/csv", mediaType);
        Assert.StartsWith("battle_id,model_a,model_b,winner,tstamp,anony,category,counted,excluded_reason,source\r\n", body, StringComparison.Ordinal);
        var rows = LedgerApi.ParseCsv(body).Select(LedgerApi.ToBattle).ToList();
        Assert.Equal(battles, rows.Select(r => (r.ModelA, r.ModelB, r.Winner)));
        Assert.Equal(["general", "math", "general"], rows.Select(r => r.Category));
        Assert.Equal([1700000010d, 1700000011, 1700000012], rows.Select(r => r.Tstamp));
        Assert.All(rows, r => Assert.Equal((true, true, null, "import"), (r.Anony, r.Counted, r.ExcludedReason, r.Source)));

        // The export is itself an importable file: every battle is already there.
        Assert.Equal(new ImportedView(0, 3, 3), await LedgerApi.ImportAsync(Http, body, "text/csv"));
    }

    [Fact]
    public async Task Import_TwoBadLines_Returns400ListingBothAndImportsNothing()
    {
        await LedgerApi.ImportAsync(Http, JsonlFile, Jsonl);
        var (leaderboardBefore, exportBefore) = (await LedgerApi.LeaderboardAsync(Http), (await LedgerApi.ExportAsync(Http)).Body);
        var file = string.Join('\n',
            """{"model_a": "alpha", "model_b": "omega", "winner": "model_a"}""",
            """{"model_a": "alpha", "model_b": "omega", "winner": "left"}""",
            """{"model_a": "omega", "model_b": "beta", "winner": "tie"}""",
            """{"model_a": "omega", "winner": "model_b", "tstamp": "yesterday"}""",
            """{"model_a": "beta", "model_b": "omega", "winner": "model_b"}""");

        var problem = await LedgerApi.ImportRefusedAsync(Http, file, Jsonl);

        Assert.Equal(2, problem.ErrorCount);
        Assert.Equal([2L, 4L], problem.Errors.Select(e => e.Line));
        Assert.Contains("winner 'left'", problem.Errors[0].Error, StringComparison.Ordinal);
        Assert.Contains("model_b is missing", problem.Errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("tstamp 'yesterday'", problem.Errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(leaderboardBefore.Models, (await LedgerApi.LeaderboardAsync(Http)).Models);
        Assert.Equal(exportBefore, (await LedgerApi.ExportAsync(Http)).Body);
    }

    [Fact]
    public async Task Import_BadRowAfterChunksWereWritten_ImportsNothingAndTheFixedFileImportsOnce()
    {
        var good = Enumerable.Range(0, 7).Select(i => $$"""{"model_a": "m{{i % 3}}", "model_b": "n{{i % 2}}", "winner": "model_a", "tstamp": {{1700000000 + i}}}""").ToList();
        var bad = string.Join('\n', good.Append("""{"model_a": "m0", "model_b": "n0", "winner": "nobody"}""")) + "\n";

        var problem = await LedgerApi.ImportRefusedAsync(Http, bad, Jsonl);

        Assert.Equal([8L], problem.Errors.Select(e => e.Line));
        Assert.Empty((await LedgerApi.LeaderboardAsync(Http)).Models);
        Assert.Empty(LedgerApi.ParseJsonl((await LedgerApi.ExportAsync(Http)).Body));
        var fixedFile = string.Join('\n', good) + "\n";
        Assert.Equal(7, (await LedgerApi.ImportAsync(Http, fixedFile, Jsonl)).Imported);
        Assert.Equal(7, LedgerApi.ParseJsonl((await LedgerApi.ExportAsync(Http)).Body).Count);
        Assert.Equal(7, (await LedgerApi.LeaderboardAsync(Http)).Models.Sum(m => m.Wins));
    }

    [Fact]
    public async Task Import_CsvWithBadRecords_ReportsPhysicalLinesCountingTheHeader()
    {
        var file = "model_a,model_b,winner\nalpha,beta,model_a\nalpha,alpha,model_b\nalpha,beta\n\"gamma\nwith a line break\",beta,tie\nbeta,gamma,both\n";

        var problem = await LedgerApi.ImportRefusedAsync(Http, file, "text/csv");

        Assert.Equal([3L, 4L, 7L], problem.Errors.Select(e => e.Line));
        Assert.Contains("two different models", problem.Errors[0].Error, StringComparison.Ordinal);
        Assert.Contains("fields", problem.Errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("winner 'both'", problem.Errors[2].Error, StringComparison.Ordinal);
        Assert.Empty((await LedgerApi.LeaderboardAsync(Http)).Models);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondImportsNothing()
    {
        var first = await LedgerApi.ImportAsync(Http, JsonlFile, Jsonl);
        var board = await LedgerApi.LeaderboardAsync(Http);

        var second = await LedgerApi.ImportAsync(Http, JsonlFile, Jsonl);

        Assert.Equal(new ImportedView(0, 5, first.LastSeq), second);
        Assert.Equal(board.Models, (await LedgerApi.LeaderboardAsync(Http)).Models);
        Assert.Equal(5, LedgerApi.ParseJsonl((await LedgerApi.ExportAsync(Http)).Body).Count);
    }

    [Theory]
    [InlineData(null, "Send the admin key")]
    [InlineData("not-the-key", "does not hold the admin key")]
    public async Task Import_MissingOrWrongKey_Returns401(string? key, string detail)
    {
        var problem = await ArenaApi.ExpectProblemAsync(LedgerApi.PostImportAsync(Http, JsonlFile, Jsonl, key), HttpStatusCode.Unauthorized);

        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await LedgerApi.LeaderboardAsync(Http)).Models);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Import_UnsupportedContentType_Returns415NamingTheFormats(string contentType)
    {
        var problem = await ArenaApi.ExpectProblemAsync(LedgerApi.PostImportAsync(Http, JsonlFile, contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains(contentType, problem.Detail, StringComparison.Ordinal);
        Assert.Contains("application/x-ndjson", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("text/csv", problem.Detail, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
