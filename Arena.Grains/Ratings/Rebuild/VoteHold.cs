using Arena.Ratings.Ledger;

namespace Arena.Ratings.Rebuild;

/// <summary>
/// The voters a quarantine holds back, by their raw session and client hashes, checked against a ledger row's
/// columns without allocating. Mirrors <see cref="Integrity.RiggingDetector.QuarantinedBy"/>: only anonymous votes
/// are screened, and an import's placeholder session is nobody's.
/// </summary>
public sealed class VoteHold
{
    private readonly HashSet<string> _sessions;
    private readonly HashSet<string> _clients;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sessionLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _clientLookup;

    public VoteHold(IEnumerable<string> sessionHashes, IEnumerable<string> clientHashes)
    {
        _sessions = new HashSet<string>(sessionHashes.Where(h => h.Length > 0 && h != LedgerEntry.FromImport), StringComparer.Ordinal);
        _clients = new HashSet<string>(clientHashes.Where(h => h.Length > 0), StringComparer.Ordinal);
        _sessionLookup = _sessions.GetAlternateLookup<ReadOnlySpan<char>>();
        _clientLookup = _clients.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Holds nobody back.</summary>
    public static VoteHold None { get; } = new([], []);

    public bool IsEmpty => _sessions.Count == 0 && _clients.Count == 0;

    /// <summary>Whether a counted row with these UTF-8 columns is held back.</summary>
    public bool Holds(ReadOnlySpan<byte> mode, ReadOnlySpan<byte> sessionHash, ReadOnlySpan<byte> clientHash) =>
        mode.SequenceEqual("anony"u8) && (Contains(_sessionLookup, _sessions.Count, sessionHash) || Contains(_clientLookup, _clients.Count, clientHash));

    /// <summary>Whether a counted row with these columns is held back.</summary>
    public bool Holds(string mode, string sessionHash, string clientHash) =>
        mode == "anony" && (_sessions.Contains(sessionHash) || _clients.Contains(clientHash));

    private static bool Contains(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, int count, ReadOnlySpan<byte> utf8)
    {
        if (count == 0 || utf8.Length == 0)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[Utf8Text.StackChars];
        return lookup.Contains(Utf8Text.Decode(utf8, buffer));
    }
}
