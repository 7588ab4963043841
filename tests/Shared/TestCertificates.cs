using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Arena.Tests.Shared;

/// <summary>
/// A certificate authority of its own and the member certificates it signs, written as PEM files the way
/// <c>Arena.Web/deploy/cluster-certs.sh</c> writes them: <c>ca.pem</c>, and <c>NAME.pem</c> with <c>NAME-key.pem</c>.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public TestCertificates(string name = "arena-test-ca")
    {
        Directory.CreateDirectory(Folder);
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "arena-certs-" + Guid.NewGuid().ToString("N")[..8]);

    public string CaPath => Path.Combine(Folder, "ca.pem");

    /// <summary>Issues <paramref name="member"/>'s certificate (client and server authentication, for 127.0.0.1 and localhost) and returns its files.</summary>
    public (string Certificate, string Key) Issue(string member)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={member}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        var paths = (Path.Combine(Folder, member + ".pem"), Path.Combine(Folder, member + "-key.pem"));
        File.WriteAllText(paths.Item1, issued.ExportCertificatePem());
        File.WriteAllText(paths.Item2, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }

    /// <summary>Issues <paramref name="member"/>'s certificate and loads it with its key, for a client that configures TLS itself.</summary>
    public X509Certificate2 IssueLoaded(string member)
    {
        var (certificate, key) = Issue(member);
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The <c>Arena:Tls</c> settings of <paramref name="member"/>, issued now, as configuration keys.</summary>
    public Dictionary<string, string?> Settings(string member, string separator = ":")
    {
        var (certificate, key) = Issue(member);
        return new()
        {
            [$"Arena{separator}Tls{separator}Enabled"] = "true",
            [$"Arena{separator}Tls{separator}CertificatePath"] = certificate,
            [$"Arena{separator}Tls{separator}KeyPath"] = key,
            [$"Arena{separator}Tls{separator}CaPath"] = CaPath,
        };
    }

    /// <summary>
    /// The <c>Arena:DataProtection</c> settings that encrypt the key ring to one RSA certificate, made on first use and the
    /// same for every web member, as <c>cluster-certs.sh</c>'s <c>data-protection.pem</c> is.
    /// </summary>
    public Dictionary<string, string?> KeyRingSettings(string separator = ":")
    {
        var certificate = Path.Combine(Folder, "data-protection.pem");
        var key = Path.Combine(Folder, "data-protection-key.pem");
        lock (_caKey)
        {
            if (!File.Exists(certificate))
            {
                WriteKeyEncryptionCertificate(certificate, key);
            }
        }

        return new()
        {
            [$"Arena{separator}DataProtection{separator}CertificatePath"] = certificate,
            [$"Arena{separator}DataProtection{separator}KeyPath"] = key,
        };
    }

    /// <summary>Writes a self-signed RSA certificate for key encryption and its key, as <c>cluster-certs.sh</c> does.</summary>
    public static void WriteKeyEncryptionCertificate(string certificatePath, string keyPath, string name = "arena-data-protection")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process started with these files may still hold them; the temp folder is cleaned by the machine.
        }
    }
}
