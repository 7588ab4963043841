using System.Text;

namespace Arena.Datasets.Csv;

/// <summary>Reads CSV records one at a time from decoded text, keeping count of physical lines for messages.</summary>
internal sealed class CsvRecordCursor(string text, char delimiter)
{
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _line = 1;

    /// <summary>Reads the next non-blank record and the line it starts on; false at the end of the text.</summary>
    public bool TryRead(out string[] fields, out int line)
    {
        while (_position < text.Length)
        {
            line = _line;
            if (ReadRecord())
            {
                fields = [.. _fields];
                return true;
            }
        }

        fields = [];
        line = _line;
        return false;
    }

    /// <summary>Reads one record into <see cref="_fields"/>; false when the line was blank.</summary>
    private bool ReadRecord()
    {
        _fields.Clear();
        var start = _line;
        var anyQuoted = false;
        while (true)
        {
            var quoted = _position < text.Length && text[_position] == '"';
            anyQuoted |= quoted;
            if (quoted)
            {
                ReadQuoted(start);
            }
            else
            {
                ReadUnquoted();
            }

            _fields.Add(_field.ToString());
            _field.Clear();
            if (_position >= text.Length)
            {
                break;
            }

            var c = text[_position++];
            if (c == delimiter)
            {
                continue;
            }

            // A line end: CRLF, LF, or a lone CR.
            if (c == '\r' && _position < text.Length && text[_position] == '\n')
            {
                _position++;
            }

            _line++;
            break;
        }

        // A line holding nothing (or only spaces) is blank, not a record.
        return _fields.Count > 1 || anyQuoted || !string.IsNullOrWhiteSpace(_fields[0]);
    }

    private void ReadUnquoted()
    {
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == delimiter || c == '\n' || c == '\r')
            {
                return;
            }

            _field.Append(c);
            _position++;
        }
    }

    private void ReadQuoted(int recordLine)
    {
        var openedOn = _line;
        _position++; // the opening quote
        while (true)
        {
            if (_position >= text.Length)
            {
                throw ArenaException.Invalid(
                    $"Line {openedOn}: a quoted field is never closed (record starting on line {recordLine}); add the closing quote.");
            }

            var c = text[_position++];
            if (c == '"')
            {
                if (_position < text.Length && text[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                    continue;
                }

                if (_position < text.Length && text[_position] is var next && next != delimiter && next != '\n' && next != '\r')
                {
                    throw ArenaException.Invalid(
                        $"Line {_line}: a quoted field is followed by '{next}' before the next '{CsvParser.Describe(delimiter)}'; write a quote inside a quoted field as two quotes (\"\").");
                }

                return;
            }

            if (c == '\n' || c == '\r' && !(_position < text.Length && text[_position] == '\n'))
            {
                _line++;
            }

            _field.Append(c);
        }
    }
}
