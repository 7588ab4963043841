using System.Text.Json.Serialization;
using Arena.Sessions;

namespace Arena.Web.Datasets;

/// <summary>A dataset as the API shows it.</summary>
public sealed record DatasetView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("uploaded_at")] DateTimeOffset UploadedAt,
    [property: JsonPropertyName("columns")] IReadOnlyList<ColumnView> Columns)
{
    public static DatasetView From(DatasetInfo info) =>
        new(info.Id, info.Name, info.SizeBytes, info.Rows, info.UploadedAt, [.. info.Columns.Select(ColumnView.From)]);
}

/// <summary>A column: name, inferred type (integer, number, boolean, date, text) and missing-value count.</summary>
public sealed record ColumnView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("missing")] int Missing)
{
    public static ColumnView From(DatasetColumn column) => new(column.Name, column.Type.ToString().ToLowerInvariant(), column.Missing);
}

/// <summary><c>GET /api/sessions/me/datasets</c>.</summary>
public sealed record DatasetListView([property: JsonPropertyName("datasets")] IReadOnlyList<DatasetView> Datasets);

/// <summary><c>GET /api/sessions/me/datasets/{id}</c>: the dataset and its first rows, cells as text in column order.</summary>
public sealed record DatasetDetailView(
    [property: JsonPropertyName("dataset")] DatasetView Dataset,
    [property: JsonPropertyName("preview_rows")] IReadOnlyList<IReadOnlyList<string>> PreviewRows);
