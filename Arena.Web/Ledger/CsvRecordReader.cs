using System.Buffers;
using System.Text;

namespace Arena.Web.Ledger;

/// <summary>One CSV record: the line it starts on (1-based), its fields, or why it could not be read.</summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Fields, string? Error = null)
{
    /// <summary>An empty line: no fields at all.</summary>
    public bool IsBlank => Fields.Count == 1 && Fields[0].Length == 0;
}

/// <summary>
/// Reads RFC 4180 CSV record by record from a stream of text: quoted fields may hold commas, doubled quotes
/// and line breaks; records end with CRLF, LF or CR. Only one record is held in memory.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    /// <summary>What ends a run of plain characters outside quotes.</summary>
    private static readonly SearchValues<char> Unquoted = SearchValues.Create(",\r\n\"");

    /// <summary>What ends a run of plain characters inside quotes (a line break is counted).</summary>
    private static readonly SearchValues<char> Quoted = SearchValues.Create("\n\"");

    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The next record, or null at the end of the text.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await HasCharAsync(cancellationToken))
        {
            return null;
        }

        var start = _line;
        var fields = new List<string>();
        var quoted = false;
        _field.Clear();
        while (await HasCharAsync(cancellationToken))
        {
            // Plain characters go in as one run; only the ones that mean something are looked at one by one.
            var run = _buffer.AsSpan(_position, _length - _position);
            var plain = run.IndexOfAny(quoted ? Quoted : Unquoted);
            if (plain != 0)
            {
                plain = plain < 0 ? run.Length : plain;
                _field.Append(run[..plain]);
                _position += plain;
                continue;
            }

            var c = _buffer[_position++];
            if (quoted)
            {
                if (c != '"')
                {
                    _line++; // a line break inside quotes is part of the field
                    _field.Append(c);
                }
                else if (await HasCharAsync(cancellationToken) && _buffer[_position] == '"')
                {
                    _position++;
                    _field.Append('"');
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && await HasCharAsync(cancellationToken) && _buffer[_position] == '\n')
                {
                    _position++;
                }

                _line++;
                fields.Add(_field.ToString());
                return new CsvRecord(start, fields);
            }
            else
            {
                _field.Append(c); // a quote inside an unquoted field is an ordinary character
            }
        }

        fields.Add(_field.ToString());
        return quoted
            ? new CsvRecord(start, fields, "a quoted field is not closed before the end of the file")
            : new CsvRecord(start, fields);
    }

    private async ValueTask<bool> HasCharAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }

        _length = await reader.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        return _length > 0;
    }
}
