using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Ledger;

/// <summary>A battle as <c>GET /api/battles/export</c> writes it.</summary>
public sealed record ExportedBattle(
    string BattleId, string ModelA, string ModelB, string Winner, double Tstamp, bool Anony, string Category,
    bool Counted, string? ExcludedReason, string Source);

/// <summary>The answer to a successful import.</summary>
public sealed record ImportedView(long Imported, long SkippedDuplicates, long LastSeq);

/// <summary>A refused import: ProblemDetails with the malformed lines.</summary>
public sealed record ImportProblemView(int Status, string Detail, IReadOnlyList<LineErrorView> Errors, long ErrorCount);

public sealed record LineErrorView(long Line, string Error);

/// <summary>The ledger's import and export endpoints, over real HTTP.</summary>
public static class LedgerApi
{
    public const string AdminKey = "test-admin-key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Settings of a host whose admin endpoints are enabled with <see cref="AdminKey"/>.</summary>
    public static Dictionary<string, string> AdminSettings() => new() { ["ARENA_ADMIN_KEY"] = AdminKey };

    public static Task<HttpResponseMessage> PostImportAsync(HttpClient http, string body, string contentType, string? key = AdminKey)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/battles/import") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        return http.SendAsync(request);
    }

    public static async Task<ImportedView> ImportAsync(HttpClient http, string body, string contentType)
    {
        using var response = await PostImportAsync(http, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The import answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<ImportedView>(text, Json)!;
    }

    public static async Task<ImportProblemView> ImportRefusedAsync(HttpClient http, string body, string contentType)
    {
        using var response = await PostImportAsync(http, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<ImportProblemView>(text, Json)!;
    }

    /// <summary>The raw export and its media type (the export is an operator endpoint: this sends the operator key).</summary>
    public static async Task<(string Body, string? MediaType)> ExportAsync(HttpClient http, string query = "", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/battles/export" + query);
        request.Headers.Add(OperatorRequests.Header, OperatorRequests.Key);
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The export answered {(int)response.StatusCode}: {body}");
        return (body, response.Content.Headers.ContentType?.MediaType);
    }

    public static List<ExportedBattle> ParseJsonl(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<ExportedBattle>(line, Json)!).ToList();

    /// <summary>Parses an exported CSV (RFC 4180) into rows by header name.</summary>
    public static List<Dictionary<string, string>> ParseCsv(string body)
    {
        var records = SplitCsv(body);
        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }).ToList();
    }

    public static ExportedBattle ToBattle(Dictionary<string, string> row) => new(
        row["battle_id"], row["model_a"], row["model_b"], row["winner"],
        double.Parse(row["tstamp"], System.Globalization.CultureInfo.InvariantCulture), bool.Parse(row["anony"]), row["category"],
        bool.Parse(row["counted"]), row["excluded_reason"] is "" ? null : row["excluded_reason"], row["source"]);

    public static async Task<LeaderboardView> LeaderboardAsync(HttpClient http) => (await new ArenaApi(http).GetLeaderboardAsync()).Leaderboard;

    /// <summary>Records of a whole CSV text: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> SplitCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Equal(0, field.Length + record.Count); // the export ends every record with CRLF
        return records;
    }
}
