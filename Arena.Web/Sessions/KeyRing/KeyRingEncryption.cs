using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Arena.Web.Hosting;

namespace Arena.Web.Sessions.KeyRing;

/// <summary>
/// Encryption at rest of the key ring: each new key is stored encrypted to an RSA certificate that every web silo holds
/// (<c>Arena:DataProtection:CertificatePath</c> and <c>KeyPath</c>), so that a reader of the database or of the key
/// files cannot forge sessions. The cluster profile keeps the ring in its shared database and so requires the
/// certificate, unless <c>Arena:DataProtection:EncryptKeys</c> is false; elsewhere it is used when set. Keys stored
/// before encryption was turned on stay readable, and are replaced by encrypted ones as they expire.
/// </summary>
public static class KeyRingEncryption
{
    public const string CertificateKey = KeyRingStore.Section + ":CertificatePath";
    public const string PrivateKeyKey = KeyRingStore.Section + ":KeyPath";
    public const string EncryptKeysKey = KeyRingStore.Section + ":EncryptKeys";

    /// <summary>
    /// The certificate, with its private key, that new keys are encrypted to and stored keys decrypted with; null when
    /// keys are stored as Data Protection writes them. A setting that does not work is refused with what to fix.
    /// </summary>
    public static X509Certificate2? From(IConfiguration configuration, KeyRingStore store)
    {
        var certificatePath = configuration[CertificateKey];
        var encrypt = EncryptKeys(configuration);
        if (string.IsNullOrWhiteSpace(certificatePath))
        {
            if (encrypt == true || (encrypt is null && store is KeyRingStore.InDatabase && ProfileOptions.IsCluster(configuration)))
            {
                throw new InvalidOperationException(
                    $"{CertificateKey}: the {(ProfileOptions.IsCluster(configuration) ? "cluster profile keeps the Data Protection key ring in its shared database" : "key ring is to be encrypted")}, "
                    + "and a reader of the database could forge every session with unencrypted keys. Give every web silo the same RSA certificate and key "
                    + $"({CertificateKey} and {PrivateKeyKey}, PEM; Arena.Web/deploy/cluster-certs.sh makes data-protection.pem), or set {EncryptKeysKey}=false.");
            }

            return null;
        }

        if (encrypt == false)
        {
            throw new InvalidOperationException($"{EncryptKeysKey} is false, but {CertificateKey} names a certificate to encrypt the keys with: remove one of them.");
        }

        return Load(certificatePath, configuration[PrivateKeyKey]);
    }

    private static bool? EncryptKeys(IConfiguration configuration)
    {
        var value = configuration[EncryptKeysKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return bool.TryParse(value, out var encrypt)
            ? encrypt
            : throw new InvalidOperationException($"{EncryptKeysKey} is '{value}', which is not true or false.");
    }

    private static X509Certificate2 Load(string certificatePath, string? keyPath)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(Path.GetFullPath(certificatePath), string.IsNullOrWhiteSpace(keyPath) ? null : Path.GetFullPath(keyPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{CertificateKey} ('{certificatePath}') and {PrivateKeyKey} ('{keyPath}') do not give a PEM certificate with its private key: {ex.Message}", ex);
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            var algorithm = certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value;
            certificate.Dispose();
            throw new InvalidOperationException($"{CertificateKey} ('{certificatePath}') has a {algorithm} key; encrypting the key ring (XML encryption) needs an RSA certificate.");
        }

        return certificate;
    }
}
