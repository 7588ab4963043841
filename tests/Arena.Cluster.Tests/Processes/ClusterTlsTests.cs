using System.Net;
using Arena.Cluster.Tests.Infrastructure;
using Arena.Ratings;
using Arena.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Connections.Security;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Mutual TLS in the cluster profile, on a real deployment (PostgreSQL, two GPU silos, one web silo, each with a
/// certificate from the deployment's authority): a client of a web silo's gateway, or a silo, without a certificate
/// from that authority gets nowhere. Each attack is set beside the same step with a trusted certificate, which works.
/// </summary>
public sealed class ClusterTlsTests(ClusterTlsTests.Deployment fixture, ITestOutputHelper output) : IClassFixture<ClusterTlsTests.Deployment>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private ArenaDeployment Arena => fixture.Arena;

    [Fact]
    public async Task Gateway_ClientWithTheClustersCertificate_CallsTheLeaderboard()
    {
        using var client = await Arena.ConnectClientAsync();
        var board = await client.Services.GetRequiredService<IClusterClient>().GetGrain<ILeaderboardGrain>(0).GetAsync();
        Assert.NotNull(board);
    }

    [Fact]
    public async Task Gateway_PlainTcpClient_CannotConnect()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Arena.ConnectClientAsync(configureTls: null));
        output.WriteLine(error.ToString());
    }

    [Fact]
    public async Task Gateway_ClientWithAnotherAuthoritysCertificate_CannotConnect()
    {
        using var other = new TestCertificates("another-ca");
        var stranger = other.IssueLoaded("stranger");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Arena.ConnectClientAsync(tls =>
        {
            tls.LocalCertificate = stranger;
            tls.AllowAnyRemoteCertificate();
        }));
        output.WriteLine(error.ToString());
    }

    [Fact]
    public async Task Silo_WithAnotherAuthoritysCertificate_CannotJoin_WhileOneWithTheClustersJoins()
    {
        var (trusted, trustedHttp) = Arena.StartExtraSilo("gpu-trusted", new());
        await Poll.UntilAsync(async () => await HealthyAsync(trustedHttp), Bound, "the silo with the cluster's certificate to join", Arena.Diagnostics);
        trusted.Kill();

        using var other = new TestCertificates("another-ca");
        var (rogue, rogueHttp) = Arena.StartExtraSilo("gpu-rogue", new(other.Settings("gpu-rogue", "__").ToDictionary(e => e.Key, e => e.Value!))
        {
            ["Orleans__Membership__MaxJoinAttemptTime"] = "00:00:20",
        });

        // It fails to join and its host stops: it never serves as a member meanwhile.
        await Poll.UntilAsync(async () => rogue.HasExited || await HealthyAsync(rogueHttp), Bound, "the silo with another authority's certificate to give up", rogue.Output);
        Assert.True(rogue.HasExited, "A silo whose certificate the cluster's authority did not sign joined the cluster." + Environment.NewLine + rogue.Output());
        output.WriteLine(rogue.Output());
    }

    [Fact]
    public async Task Silo_WithoutItsCertificateConfigured_RefusesToStart_NamingTheSetting()
    {
        var (silo, _) = Arena.StartExtraSilo("gpu-unconfigured", new() { ["Arena__Tls__CertificatePath"] = "" });
        await Poll.UntilAsync(() => Task.FromResult(silo.HasExited), Bound, "the silo without a certificate to refuse to start", silo.Output);
        Assert.Contains("Arena:Tls:CertificatePath: not set", silo.Output(), StringComparison.Ordinal);
    }

    private async Task<bool> HealthyAsync(Uri http)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await probe.GetAsync(new Uri(http, "/health"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening (yet, or any more)
        }
    }

    /// <summary>One deployment for the class: each test adds its own client or silo.</summary>
    public sealed class Deployment : IAsyncLifetime
    {
        private ArenaDeployment? _arena;

        public ArenaDeployment Arena => _arena ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _arena = await ArenaDeployment.StartAsync();

        public async Task DisposeAsync()
        {
            if (_arena is not null)
            {
                await _arena.DisposeAsync();
            }
        }
    }
}
