using Arena.Hosting.Tls;
using Arena.Tests.Shared;
using Microsoft.Extensions.Configuration;

namespace Arena.Grains.Tests.Hosting;

/// <summary>The cluster's TLS settings: what a member needs before its host may start, and whose certificates it trusts.</summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private readonly TestCertificates _authority = new("cluster-ca");

    [Fact]
    public void Read_WithAMembersCertificateKeyAndAuthority_GivesThem()
    {
        var credentials = ClusterTls.Read(Configuration(_authority.Settings("web-1")));

        Assert.NotNull(credentials);
        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal("CN=web-1", credentials.Certificate.Subject);
        Assert.Equal("CN=cluster-ca", credentials.Authority.Subject);
    }

    [Fact]
    public void Read_WithNothingConfigured_RefusesNamingEverySetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.Read(Configuration([])));

        Assert.Contains("Arena:Tls:CertificatePath: not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arena:Tls:KeyPath: not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arena:Tls:CaPath: not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithAFileThatIsMissing_NamesIt()
    {
        var settings = _authority.Settings("web-1");
        settings["Arena:Tls:KeyPath"] = Path.Combine(_authority.Folder, "nowhere-key.pem");

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.Read(Configuration(settings)));

        Assert.Contains("Arena:Tls:KeyPath: '", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithAFileThatIsNotPem_SaysSo()
    {
        var settings = _authority.Settings("web-1");
        var garbage = Path.Combine(_authority.Folder, "garbage.pem");
        File.WriteAllText(garbage, "not a certificate");
        settings["Arena:Tls:CaPath"] = garbage;

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.Read(Configuration(settings)));

        Assert.Contains("Arena:Tls:CaPath: could not be read as PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithACertificateFromAnotherAuthority_Refuses()
    {
        using var other = new TestCertificates("other-ca");
        var settings = other.Settings("web-1");
        settings["Arena:Tls:CaPath"] = _authority.CaPath;

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.Read(Configuration(settings)));

        Assert.Contains("is not signed by the authority in CaPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenDisabled_GivesNothing_AndNeedsNoFiles()
    {
        Assert.Null(ClusterTls.Read(Configuration(new() { ["Arena:Tls:Enabled"] = "false" })));
    }

    [Fact]
    public void ChainsTo_TrustsOnlyTheClustersAuthority()
    {
        using var other = new TestCertificates("other-ca");
        var member = _authority.IssueLoaded("gpu-1");
        var stranger = other.IssueLoaded("gpu-1");
        var authority = ClusterTls.Read(Configuration(_authority.Settings("web-1")))!.Authority;

        Assert.True(ClusterTls.ChainsTo(member, authority));
        Assert.False(ClusterTls.ChainsTo(stranger, authority));
        Assert.False(ClusterTls.ChainsTo(authority, ClusterTls.Read(Configuration(other.Settings("web-2")))!.Authority));
    }

    [Fact]
    public async Task ClusterCertsScript_MakesCertificatesAMemberAccepts()
    {
        var script = Path.Combine(RepositoryRoot(), "Arena.Web", "deploy", "cluster-certs.sh");
        var folder = Path.Combine(_authority.Folder, "from-script");

        var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [script, folder, "web-1", "gpu-1"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, errors);

        var web = ClusterTls.Read(Configuration(new()
        {
            ["Arena:Tls:CertificatePath"] = Path.Combine(folder, "web-1.pem"),
            ["Arena:Tls:KeyPath"] = Path.Combine(folder, "web-1-key.pem"),
            ["Arena:Tls:CaPath"] = Path.Combine(folder, "ca.pem"),
        }))!;
        var gpu = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(Path.Combine(folder, "gpu-1.pem"), Path.Combine(folder, "gpu-1-key.pem"));
        Assert.True(ClusterTls.ChainsTo(gpu, web.Authority));
        Assert.False(ClusterTls.ChainsTo(gpu, ClusterTls.Read(Configuration(_authority.Settings("web-2")))!.Authority));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Arena.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Arena.sln not found above the test's folder.");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public void Dispose() => _authority.Dispose();
}
