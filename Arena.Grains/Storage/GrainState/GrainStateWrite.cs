using System.Data.Common;
using System.Globalization;
using Arena.Storage.GroupCommit;

namespace Arena.Storage.GrainState;

/// <summary>
/// A grain-state write (<see cref="Payload"/> null clears the state) expecting the stored version to be
/// <see cref="ExpectedVersion"/> (null: no row yet). Its result is the new version, or null when the stored one differs.
/// </summary>
internal sealed class GrainStateWrite(GrainStateKey key, int? expectedVersion, byte[]? payload) : GroupedWrite<int?>
{
    private static readonly string[] InsertParameters = ["@service", "@type", "@n0", "@n1", "@ext", "@payload"];
    private static readonly string[] UpdateParameters = ["@service", "@type", "@n0", "@n1", "@ext", "@version", "@payload"];

    public GrainStateKey Key => key;

    public int? ExpectedVersion => expectedVersion;

    public byte[]? Payload => payload;

    protected override async Task<int?> RunAsync(GroupTransaction transaction)
    {
        var command = expectedVersion is null
            ? transaction.Command(GrainStateSql.Insert, c => AddParameters(c, InsertParameters))
            : transaction.Command(GrainStateSql.Update(transaction.Kind), c => AddParameters(c, UpdateParameters));
        var p = command.Parameters;
        p["@service"].Value = key.ServiceId;
        p["@type"].Value = key.StateName;
        p["@n0"].Value = key.N0;
        p["@n1"].Value = key.N1;
        p["@ext"].Value = key.Extension;
        if (expectedVersion is { } version)
        {
            p["@version"].Value = version;
        }

        p["@payload"].Value = payload is not null ? payload : DBNull.Value;
        return await command.ExecuteScalarAsync() is { } stored and not DBNull ? Convert.ToInt32(stored, CultureInfo.InvariantCulture) : null;
    }

    private static void AddParameters(DbCommand command, string[] names)
    {
        foreach (var name in names)
        {
            ArenaDatabase.Parameter(command, name, DBNull.Value);
        }

        command.Parameters["@payload"].DbType = System.Data.DbType.Binary;
    }
}
