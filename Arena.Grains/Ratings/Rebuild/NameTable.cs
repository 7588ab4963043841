using System.Text;

namespace Arena.Ratings.Rebuild;

/// <summary>
/// Names (models, categories) numbered in order of first appearance, looked up from their UTF-8 bytes or chars
/// without allocating once a name is known: a ledger has a million rows but only a few hundred distinct names.
/// </summary>
public sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly List<string> _names = [];

    public NameTable()
    {
        _byChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _names.Count;

    public string this[int id] => _names[id];

    public IReadOnlyList<string> Names => _names;

    /// <summary>The id of the name in <paramref name="chars"/>, numbering it if it is new.</summary>
    public int IdOf(ReadOnlySpan<char> chars)
    {
        if (_byChars.TryGetValue(chars, out var id))
        {
            return id;
        }

        var name = chars.ToString();
        id = _names.Count;
        _names.Add(name);
        _ids.Add(name, id);
        return id;
    }

    /// <summary>The id of the name whose UTF-8 encoding is <paramref name="utf8"/>, numbering it if it is new.</summary>
    public int IdOf(ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = stackalloc char[Utf8Text.StackChars];
        return IdOf(Utf8Text.Decode(utf8, buffer));
    }
}

/// <summary>UTF-8 column text decoded into a caller's stack buffer, or into a new string when it does not fit.</summary>
internal static class Utf8Text
{
    public const int StackChars = 256;

    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, Span<char> buffer) =>
        utf8.Length > buffer.Length ? Encoding.UTF8.GetString(utf8).AsSpan() : buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
}
