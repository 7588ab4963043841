using Arena.Ratings.Integrity;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arena.Ratings.Ledger;

/// <summary>Registers the vote ledger on a silo.</summary>
public static class VoteLedgerExtensions
{
    /// <summary>Keeps the vote ledger and its outbox in this database (the grain state's); their tables come with the schema.</summary>
    public static ISiloBuilder AddArenaVoteLedger(this ISiloBuilder builder, DatabaseKind kind, string connectionString)
    {
        ArenaStorageSiloBuilderExtensions.AddSchema(builder, kind, connectionString);
        builder.Services.Configure<VoteLedgerOptions>(o =>
        {
            o.Kind = kind;
            o.ConnectionString = connectionString;
        });
        builder.Services.AddSingleton<IVoteLedger, AdoNetVoteLedger>();
        DatabaseWriters.AddTo(builder.Services);
        builder.Services.AddSingleton<IVoteOutbox, AdoNetVoteOutbox>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, VoteRecoveryStartup>());
        builder.Services.AddArenaVoteIntegrity();
        return builder;
    }
}
