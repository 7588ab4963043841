using System.Globalization;
using System.Text.Json.Nodes;
using Arena.Sessions;

namespace Arena.Datasets.Tools;

/// <summary>How tool results write values: rounded numbers, typed cells, rows as objects.</summary>
internal static class ToolJson
{
    /// <summary>The most rows any result lists.</summary>
    public const int MaxRows = 20;

    /// <summary>A number rounded for reading: 4 decimals from 1 up, 6 significant digits below.</summary>
    public static double Round(double value)
    {
        if (!double.IsFinite(value) || value == Math.Floor(value))
        {
            return value;
        }

        return Math.Abs(value) >= 1
            ? Math.Round(value, 4)
            : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Round(value)) : null;

    public static string TypeName(ColumnType type) => type.ToString().ToLowerInvariant();

    /// <summary>A cell as JSON: null when missing, a number, a boolean, or text as uploaded.</summary>
    public static JsonNode? Cell(TableColumn column, int row)
    {
        if (column.IsMissing(row))
        {
            return null;
        }

        return column.Type switch
        {
            ColumnType.Integer => JsonValue.Create(column.Number(row)),
            ColumnType.Number => JsonValue.Create(Round(column.Number(row))),
            ColumnType.Boolean => JsonValue.Create(column.Boolean(row)),
            _ => JsonValue.Create(column.Text(row)),
        };
    }

    /// <summary>A row as an object keyed by column name.</summary>
    public static JsonObject Row(DatasetTable table, int row)
    {
        var json = new JsonObject();
        foreach (var column in table.Columns)
        {
            json[column.Name] = Cell(column, row);
        }

        return json;
    }

    public static JsonArray Rows(DatasetTable table, IEnumerable<int> rows) => [.. rows.Take(MaxRows).Select(r => Row(table, r))];
}
