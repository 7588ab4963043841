using Arena.Storage.GrainState;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;

namespace Arena.Storage;

/// <summary>
/// Wires grain storage (Arena's own provider) and the Orleans ADO.NET clustering and reminder providers to
/// Arena's schema. Each helper also registers a start-up step that applies the schema (idempotently) before
/// any provider reads its queries, so hosts need no separate migration step.
/// </summary>
public static class ArenaStorageSiloBuilderExtensions
{
    /// <summary>Adds a named grain storage provider backed by a SQLite file (WAL mode).</summary>
    public static ISiloBuilder AddArenaSqliteStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddSchema(builder, DatabaseKind.Sqlite, connectionString);
        return AddGrainStorage(builder, name, DatabaseKind.Sqlite, connectionString);
    }

    /// <summary>Adds a named grain storage provider backed by PostgreSQL.</summary>
    public static ISiloBuilder AddArenaPostgresStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddSchema(builder, DatabaseKind.PostgreSql, connectionString);
        return AddGrainStorage(builder, name, DatabaseKind.PostgreSql, connectionString);
    }

    /// <summary>Uses PostgreSQL as the cluster membership table.</summary>
    public static ISiloBuilder AddArenaPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        AddSchema(builder, DatabaseKind.PostgreSql, connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = ArenaSchema.Invariant(DatabaseKind.PostgreSql);
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>Uses PostgreSQL as the reminder table.</summary>
    public static ISiloBuilder AddArenaPostgresReminders(this ISiloBuilder builder, string connectionString)
    {
        AddSchema(builder, DatabaseKind.PostgreSql, connectionString);
        return builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = ArenaSchema.Invariant(DatabaseKind.PostgreSql);
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>Arena's own provider over <c>arena_grain_state</c>, with group commits (<see cref="ArenaGrainStorage"/>).</summary>
    private static ISiloBuilder AddGrainStorage(ISiloBuilder builder, string name, DatabaseKind kind, string connectionString)
    {
        DatabaseWriters.AddTo(builder.Services);
        builder.Services.AddGrainStorage(name, (services, _) =>
            ActivatorUtilities.CreateInstance<ArenaGrainStorage>(services, kind, connectionString));
        return builder;
    }

    internal static void AddSchema(ISiloBuilder builder, DatabaseKind kind, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Configure<ArenaSchemaOptions>(o => o.Targets.Add(new ArenaSchemaTarget(kind, connectionString)));
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, ArenaSchemaStartup>());
    }
}
