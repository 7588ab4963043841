using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Arena.Storage;

/// <summary>The databases whose schema a silo applies before its ADO.NET providers start.</summary>
internal sealed class ArenaSchemaOptions
{
    public List<ArenaSchemaTarget> Targets { get; } = [];
}

internal sealed record ArenaSchemaTarget(DatabaseKind Kind, string ConnectionString);

/// <summary>
/// Runs <see cref="ArenaSchema.ApplyAsync"/> at the first silo lifecycle stage, before the
/// membership table, reminder table and grain storage providers read <c>OrleansQuery</c>.
/// A failure stops the silo from starting.
/// </summary>
internal sealed partial class ArenaSchemaStartup(
    IOptions<ArenaSchemaOptions> options,
    ILogger<ArenaSchemaStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ArenaSchemaOptions _options = options.Value;
    private readonly ILogger<ArenaSchemaStartup> _logger = logger;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ArenaSchemaStartup), ServiceLifecycleStage.First, ApplyAllAsync);

    private async Task ApplyAllAsync(CancellationToken ct)
    {
        foreach (var target in _options.Targets.Distinct())
        {
            await ArenaSchema.ApplyAsync(target.Kind, target.ConnectionString, ct);
            LogSchemaApplied(target.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Arena schema applied ({Kind}).")]
    private partial void LogSchemaApplied(DatabaseKind kind);
}
