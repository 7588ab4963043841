using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Arena.Hosting.Tls;

/// <summary>
/// Mutual TLS for a cluster's silo-to-silo and gateway connections (Orleans.Connections.Security), from
/// <see cref="ClusterTlsOptions"/>. A process without a certificate signed by the cluster's authority can neither
/// join the cluster nor call a grain through a gateway.
/// </summary>
public static class ClusterTls
{
    /// <summary>Secures the silo's connections, or throws naming every missing or unreadable setting (the host does not start).</summary>
    public static ISiloBuilder UseArenaTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (Read(configuration) is { } credentials)
        {
            silo.UseTls(credentials.Certificate, tls => Configure(tls, credentials));
        }

        return silo;
    }

    /// <summary>The same for an external cluster client (an operator's tool, a test).</summary>
    public static IClientBuilder UseArenaTls(this IClientBuilder client, IConfiguration configuration)
    {
        if (Read(configuration) is { } credentials)
        {
            client.UseTls(credentials.Certificate, tls => Configure(tls, credentials));
        }

        return client;
    }

    /// <summary>The member's certificate and the cluster's authority, or null when TLS is off.</summary>
    public static ClusterCredentials? Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (!options.Enabled)
        {
            return null;
        }

        var errors = new List<string>();
        var certificatePath = Existing(options.CertificatePath, nameof(options.CertificatePath), "this member's certificate (PEM)", errors);
        var keyPath = Existing(options.KeyPath, nameof(options.KeyPath), "its private key (PEM)", errors);
        var caPath = Existing(options.CaPath, nameof(options.CaPath), "the cluster's certificate authority (PEM)", errors);
        X509Certificate2? certificate = null;
        X509Certificate2? authority = null;
        if (certificatePath is not null && keyPath is not null)
        {
            certificate = Load(() => WithPersistedKey(X509Certificate2.CreateFromPemFile(certificatePath, keyPath)), "CertificatePath and KeyPath", errors);
        }

        if (caPath is not null)
        {
            authority = Load(() => X509Certificate2.CreateFromPem(File.ReadAllText(caPath)), nameof(options.CaPath), errors);
        }

        if (certificate is not null && authority is not null && !ChainsTo(certificate, authority))
        {
            errors.Add($"{ClusterTlsOptions.Section}:CertificatePath: the certificate '{certificate.Subject}' is not signed by the authority in CaPath ('{authority.Subject}'), or has expired.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"TLS between the cluster's silos is on ({ClusterTlsOptions.Section}:Enabled), but its certificates are not usable:" + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Select(e => "  " + e)) + Environment.NewLine
                + "  Make them with Arena.Web/deploy/cluster-certs.sh (see the README's \"Running a cluster\").");
        }

        return new ClusterCredentials(certificate!, authority!);
    }

    /// <summary>True if <paramref name="certificate"/> chains to <paramref name="authority"/> and to nothing else the machine trusts.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private authority publishes no revocation list
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }

    private static void Configure(TlsOptions tls, ClusterCredentials credentials)
    {
        tls.LocalCertificate = credentials.Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.CheckCertificateRevocation = false;
        // Members are reached by IP address, so the name is not what identifies them: the authority's signature is.
        tls.RemoteCertificateValidation = (certificate, _, _) => certificate is not null && ChainsTo(certificate, credentials.Authority);
    }

    private static string? Existing(string? path, string name, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            errors.Add($"{ClusterTlsOptions.Section}:{name}: not set; it names {what}.");
            return null;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{ClusterTlsOptions.Section}:{name}: '{path}' does not exist.");
            return null;
        }

        return path;
    }

    private static X509Certificate2? Load(Func<X509Certificate2> load, string names, List<string> errors)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"{ClusterTlsOptions.Section}:{names}: could not be read as PEM ({ex.Message}).");
            return null;
        }
    }

    /// <summary>A PEM key is ephemeral; TLS on some platforms needs it in a key container, so the pair goes through PKCS#12 once.</summary>
    private static X509Certificate2 WithPersistedKey(X509Certificate2 pem)
    {
        using (pem)
        {
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}

/// <summary>A cluster member's certificate (with its key) and the authority its peers must chain to.</summary>
public sealed record ClusterCredentials(X509Certificate2 Certificate, X509Certificate2 Authority);
