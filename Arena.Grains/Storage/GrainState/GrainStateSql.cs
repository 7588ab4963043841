namespace Arena.Storage.GrainState;

/// <summary>The statements over <c>arena_grain_state</c>; both databases take the same text but for the clock.</summary>
internal static class GrainStateSql
{
    private const string Key =
        "service_id = @service AND grain_type = @type AND grain_id_n0 = @n0 AND grain_id_n1 = @n1 AND grain_id_ext = @ext";

    public const string Read = "SELECT payload, version FROM arena_grain_state WHERE " + Key;

    /// <summary>A first write: version 1, or no row back when another writer got there first.</summary>
    public const string Insert =
        "INSERT INTO arena_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, version, payload) " +
        "VALUES (@service, @type, @n0, @n1, @ext, 1, @payload) " +
        "ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext) DO NOTHING RETURNING version";

    /// <summary>A later write (or, with a NULL payload, a clear): the next version, or no row back when the version moved on.</summary>
    public static string Update(DatabaseKind kind) =>
        $"UPDATE arena_grain_state SET version = version + 1, payload = @payload, modified_at = {Now(kind)} " +
        $"WHERE {Key} AND version = @version RETURNING version";

    private static string Now(DatabaseKind kind) =>
        kind == DatabaseKind.Sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "now()";
}
