using System.Text;

namespace Arena.Datasets.Csv;

/// <summary>
/// Reads a CSV file per RFC 4180: quoted fields with doubled quotes, embedded delimiters and line breaks,
/// CRLF or LF line ends. The delimiter (comma, semicolon or tab) is the one the header row uses most.
/// The header row is required, its names non-empty and unique; every record must be as wide as the header.
/// Blank lines are skipped. Errors are <see cref="ArenaException"/>s that name what is wrong and where.
/// </summary>
public static class CsvParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The delimiters recognised, in order of preference when the header uses two equally often.</summary>
    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static CsvTable Parse(ReadOnlySpan<byte> bytes, int maxColumns)
    {
        var text = Decode(bytes);
        var delimiter = DetectDelimiter(text);
        var reader = new CsvRecordCursor(text, delimiter);
        if (!reader.TryRead(out var header, out _))
        {
            throw ArenaException.Invalid("The file is empty; upload a CSV file with a header row and at least one data row.");
        }

        var headers = ValidateHeaders(header, maxColumns);
        var rows = new List<string[]>();
        while (reader.TryRead(out var fields, out var line))
        {
            if (fields.Length != headers.Length)
            {
                throw ArenaException.Invalid(
                    $"Line {line} has {fields.Length} field{(fields.Length == 1 ? "" : "s")} but the header has {headers.Length}; every row needs one value per column (quote values that contain '{Describe(delimiter)}').");
            }

            rows.Add(fields);
        }

        if (rows.Count == 0)
        {
            throw ArenaException.Invalid("The file has a header row but no data rows.");
        }

        return new CsvTable(delimiter, headers, rows);
    }

    /// <summary>A name for the delimiter in messages.</summary>
    public static string Describe(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw ArenaException.Invalid("The file looks like a binary file (it contains NUL bytes), not CSV text; upload a .csv file.");
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ArenaException.Invalid("The file is not UTF-8 text; save it as CSV UTF-8 and upload it again.");
        }
    }

    /// <summary>The candidate delimiter the first record uses most often outside quotes; comma when it uses none.</summary>
    private static char DetectDelimiter(string text)
    {
        Span<int> counts = stackalloc int[Delimiters.Length];
        var quoted = false;
        var started = false; // blank lines before the header do not count
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted; // a doubled quote toggles twice, which leaves the state unchanged
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                if (started)
                {
                    break;
                }

                continue;
            }
            else if (!quoted && Array.IndexOf(Delimiters, c) is var k and >= 0)
            {
                counts[k]++;
            }

            started |= !char.IsWhiteSpace(c);
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return Delimiters[best];
    }

    private static string[] ValidateHeaders(string[] header, int maxColumns)
    {
        if (header.Length > maxColumns)
        {
            throw ArenaException.Invalid($"The file has {header.Length} columns; at most {maxColumns} are supported.");
        }

        var names = new string[header.Length];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                throw ArenaException.Invalid($"Column {i + 1} of the header row has no name; every column needs a name in the first row.");
            }

            if (!seen.TryAdd(name, i))
            {
                throw ArenaException.Invalid($"The header '{name}' appears twice (columns {seen[name] + 1} and {i + 1}); column names must be unique.");
            }

            names[i] = name;
        }

        return names;
    }
}
