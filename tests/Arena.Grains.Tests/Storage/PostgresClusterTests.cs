using Npgsql;

namespace Arena.Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture fixture)
{
    private const int ActiveStatus = 3; // Orleans SiloStatus.Active

    private readonly PostgresFixture _fixture = fixture;

    [Fact]
    public async Task DeployAsync_TwoSilosWithAdoNetClustering_BothActiveInMembershipTable()
    {
        var clusterId = _fixture.Cluster.Options.ClusterId;
        await using var connection = new NpgsqlConnection(_fixture.ClusterConnectionString);
        await connection.OpenAsync();

        await SqlHelpers.WaitUntilAsync(
            async () => await SqlHelpers.ScalarAsync(connection,
                $"SELECT count(*) FROM arena_membership WHERE deployment_id = '{clusterId}' AND status = {ActiveStatus}") == 2,
            TimeSpan.FromSeconds(30),
            "two active silos in arena_membership");

        var version = await SqlHelpers.ScalarAsync(connection,
            $"SELECT version FROM arena_membership_version WHERE deployment_id = '{clusterId}'");
        Assert.True(version >= 2, $"membership version {version} should have grown with each join");
        Assert.Equal(2, _fixture.Cluster.GetActiveSilos().Count());

        // Orleans sends UTC DateTimes; stored instants must be "now", not shifted by a time zone.
        var skewSeconds = await SqlHelpers.ScalarAsync(connection,
            $"SELECT max(abs(extract(epoch FROM now() - i_am_alive_time)))::bigint FROM arena_membership WHERE deployment_id = '{clusterId}'");
        Assert.InRange(skewSeconds, 0, 120);
    }

    [Fact]
    public async Task WriteState_ThenDeactivate_NewActivationReadsValueFromPostgres()
    {
        var grain = _fixture.Cluster.Client.GetGrain<IProbeGrain>("pg-round-trip");
        await grain.WriteAsync("stored in postgres");
        var before = await grain.GetAsync();

        await grain.DeactivateAsync();
        var after = await grain.GetAsync();

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal("stored in postgres", after.Value);
        Assert.Equal(before.ETag, after.ETag);

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        var cleared = await grain.GetAsync();
        Assert.Null(cleared.Value);
        Assert.False(cleared.RecordExists);
    }

    [Fact]
    public async Task RegisterReminder_OnPostgres_ReadsBackFromReminderTable()
    {
        var grain = _fixture.Cluster.Client.GetGrain<IProbeGrain>("pg-reminder");

        await grain.RegisterReminderAsync("hourly");

        Assert.Equal("hourly", await grain.GetReminderNameAsync("hourly"));
        Assert.Null(await grain.GetReminderNameAsync("never-registered"));
        await using var connection = new NpgsqlConnection(_fixture.ClusterConnectionString);
        await connection.OpenAsync();
        var periodMs = await SqlHelpers.ScalarAsync(connection,
            "SELECT period_ms FROM arena_reminder WHERE reminder_name = 'hourly'");
        Assert.Equal((long)TimeSpan.FromHours(1).TotalMilliseconds, periodMs);
    }
}
