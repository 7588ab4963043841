using System.Globalization;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace Arena.Storage.GrainState;

/// <summary>
/// Grain state in <c>arena_grain_state</c> (SQLite or PostgreSQL), written in groups by the
/// database's <see cref="GroupCommitter"/>. A write serializes the state at once, in the calling activation (so the
/// grain may go on changing it), and the activation is free while the group commits; the write's task completes
/// once it is durable. Versions are the ETags: a write that expects another version than the stored one fails
/// with <see cref="InconsistentStateException"/>. Rows, keys and payloads are those Orleans' ADO.NET provider
/// wrote over the same table, so existing databases read on.
/// </summary>
internal sealed class ArenaGrainStorage(
    DatabaseKind kind,
    string connectionString,
    IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> cluster,
    DatabaseWriters writers) : IGrainStorage
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <summary>The database's group writer, shared with the vote outbox (tests read its counts).</summary>
    internal GroupCommitter Writer => writers.For(kind, connectionString);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStateKey.Of(_serviceId, stateName, grainId);
        await using var connection = await ArenaDatabase.OpenAsync(kind, connectionString, "PRAGMA busy_timeout = 10000;", CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = GrainStateSql.Read;
        BindKey(command, key);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return;
        }

        var version = reader.GetInt32(1).ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(0))
        {
            // Cleared: the row stays, so that a stale version still conflicts.
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), version, false);
            return;
        }

        var payload = (byte[])reader.GetValue(0);
        (grainState.State, grainState.ETag, grainState.RecordExists) = (serializer.Deserialize<T>(new BinaryData(payload)), version, true);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStateKey.Of(_serviceId, stateName, grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await Writer.WriteAsync(new GrainStateWrite(key, Version(grainState.ETag), payload));
        grainState.ETag = Checked(version, key, grainState.ETag, "write");
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStateKey.Of(_serviceId, stateName, grainId);
        if (Version(grainState.ETag) is null)
        {
            // Never read or written by this activation: clear what is stored now, if anything.
            await ReadStateAsync(stateName, grainId, grainState);
        }

        if (Version(grainState.ETag) is not { } expected)
        {
            grainState.State = Activator.CreateInstance<T>();
            return;
        }

        var version = await Writer.WriteAsync(new GrainStateWrite(key, expected, payload: null));
        grainState.ETag = Checked(version, key, grainState.ETag, "clear");
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private static int? Version(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : int.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Checked(int? version, GrainStateKey key, string? expected, string operation) =>
        version?.ToString(CultureInfo.InvariantCulture) ?? throw Conflict(key, expected, operation);

    private static InconsistentStateException Conflict(GrainStateKey key, string? expected, string operation) =>
        new($"Could not {operation} the state {key}: another activation changed it after version {expected ?? "(none)"} was read.", "unknown", expected ?? "");

    private static void BindKey(System.Data.Common.DbCommand command, GrainStateKey key)
    {
        ArenaDatabase.Parameter(command, "@service", key.ServiceId);
        ArenaDatabase.Parameter(command, "@type", key.StateName);
        ArenaDatabase.Parameter(command, "@n0", key.N0);
        ArenaDatabase.Parameter(command, "@n1", key.N1);
        ArenaDatabase.Parameter(command, "@ext", key.Extension);
    }
}
