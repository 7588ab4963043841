using System.Text;

namespace Arena.Ratings.Rebuild;

/// <summary>
/// Names (models, categories) numbered in order of first appearance, looked up from their UTF-8 bytes or chars
/// without allocating once a name is known: a ledger has a million rows but only a few hundred distinct names.
/// </summary>
public sealed class NameTable
{
    private const int StackChars = 256;

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
        if (utf8.Length > StackChars)
        {
            return IdOf(Encoding.UTF8.GetString(utf8).AsSpan());
        }

        Span<char> chars = stackalloc char[StackChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return IdOf(chars[..length]);
    }
}
