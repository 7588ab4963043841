using System.Globalization;
using Arena.Sessions;

namespace Arena.Datasets;

/// <summary>How cell text reads as a value: missing-value tokens, and invariant-culture numbers, booleans and ISO 8601 dates.</summary>
public static class CellParsing
{
    /// <summary>Tokens that mean "no value" (case-insensitive), besides an empty cell.</summary>
    public static readonly IReadOnlyList<string> MissingTokens = ["NA", "N/A", "null", "NaN"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static bool IsMissing(string cell)
    {
        var text = cell.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return true;
        }

        foreach (var token in MissingTokens)
        {
            if (text.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool TryInteger(string cell, out long value) =>
        long.TryParse(cell.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A finite number in invariant culture: <c>3.5</c>, <c>-2e3</c>, <c>.5</c>; no thousands separators.</summary>
    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>true/false or yes/no, any case.</summary>
    public static bool TryBoolean(string cell, out bool value)
    {
        var text = cell.AsSpan().Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An ISO 8601 date (<c>2024-03-01</c>) or date-time (<c>2024-03-01T12:30:00Z</c>, a space for the T, an optional offset); without an offset it is UTC.</summary>
    public static bool TryDate(string cell, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(cell.AsSpan().Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>
    /// The type of a column from its cells, ignoring missing ones: Integer when every value is an integer,
    /// Number when every value is a number, then Boolean, then Date; Text otherwise (and when all are missing).
    /// </summary>
    public static ColumnType Infer(IEnumerable<string> cells)
    {
        bool integer = true, number = true, boolean = true, date = true, any = false;
        foreach (var cell in cells)
        {
            if (IsMissing(cell))
            {
                continue;
            }

            any = true;
            integer = integer && TryInteger(cell, out _);
            number = number && (integer || TryNumber(cell, out _));
            boolean = boolean && TryBoolean(cell, out _);
            date = date && TryDate(cell, out _);
            if (!number && !boolean && !date)
            {
                return ColumnType.Text;
            }
        }

        return !any ? ColumnType.Text
            : integer ? ColumnType.Integer
            : number ? ColumnType.Number
            : boolean ? ColumnType.Boolean
            : date ? ColumnType.Date
            : ColumnType.Text;
    }
}
