using System.Text.Json.Serialization;
using Arena.Hosting.Operators;
using Arena.Ratings.Ledger;
using Arena.Web.Ledger;
using Arena.Web.Limits;
using Microsoft.AspNetCore.Http.Features;

namespace Arena.Web.Api;

/// <summary>The vote ledger as Chatbot Arena battles (no prompt or answer text): exported by the operator, imported by an admin.</summary>
public static class LedgerEndpoints
{
    /// <summary>The largest import body: a few million battles.</summary>
    public const long MaxImportBytes = 2L * 1024 * 1024 * 1024;

    public sealed record Imported(
        [property: JsonPropertyName("imported")] long Count,
        [property: JsonPropertyName("skipped_duplicates")] long SkippedDuplicates,
        [property: JsonPropertyName("last_seq")] long LastSeq);

    public sealed record LineError(
        [property: JsonPropertyName("line")] long Line,
        [property: JsonPropertyName("error")] string Error);

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/battles/export", ExportAsync).RequireOperator().RequireArenaLimit(LimitedAction.Export);
        app.MapPost("/api/admin/battles/import", ImportAsync).AddEndpointFilter<AdminKey>();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, string? format, string? category, IVoteLedger ledger)
    {
        BattleFormat chosen;
        if (format is null)
        {
            chosen = BattleFormats.FromAccept(context.Request.GetTypedHeaders().Accept);
        }
        else
        {
            chosen = BattleFormats.FromName(format)
                ?? throw ArenaException.Invalid($"format '{format}' is not jsonl or csv; use ?format=jsonl or ?format=csv.");
        }

        var response = context.Response;
        response.ContentType = BattleFormats.MediaType(chosen) + "; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"battles.{(chosen == BattleFormat.Csv ? "csv" : "jsonl")}\"";
        var rows = ledger.ReadAsync(cancellationToken: context.RequestAborted);
        if (!string.IsNullOrWhiteSpace(category))
        {
            var wanted = category.Trim();
            rows = rows.Where(e => e.Vote.Category == wanted);
        }

        await BattleExporter.WriteAsync(response.BodyWriter, rows, chosen, context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, BattleImporter importer)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        var contentType = context.Request.ContentType;
        if (BattleFormats.FromContentType(contentType) is not { } format)
        {
            return TypedResults.Problem(
                detail: $"Content-Type '{contentType ?? "(none)"}' is not a battle file; send JSON lines as {BattleFormats.JsonlMediaType} (or application/jsonl, application/json-lines) or CSV with a header row as {BattleFormats.CsvMediaType}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        ImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(context.Request.Body, format, context.RequestAborted);
        }
        catch (ImportFailedException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status500InternalServerError, title: "Import failed");
        }

        if (outcome.Imported is { } result)
        {
            return TypedResults.Ok(new Imported(result.Imported, result.SkippedDuplicates, result.LastSeq));
        }

        if (outcome.ErrorCount == 0)
        {
            throw ArenaException.Invalid("The body holds no battles; send one row per line with model_a, model_b and winner.");
        }

        var listed = outcome.Errors.Count < outcome.ErrorCount ? $" (the first {outcome.Errors.Count} are listed in errors)" : " (listed in errors)";
        return TypedResults.Problem(
            detail: $"{outcome.ErrorCount} of {outcome.Rows} rows are malformed{listed}; nothing was imported. Fix them and send the whole file again.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = outcome.Errors.Select(e => new LineError(e.Line, e.Error)).ToArray(),
                ["error_count"] = outcome.ErrorCount,
            });
    }
}
