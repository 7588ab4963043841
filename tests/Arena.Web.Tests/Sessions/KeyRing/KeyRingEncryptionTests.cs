extern alias ArenaWeb;

using System.Xml.Linq;
using Arena.Storage;
using Arena.Tests.Shared;
using Arena.Web.Sessions;
using Arena.Web.Sessions.KeyRing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SessionTokens = ArenaWeb::Arena.Web.Sessions.SessionTokens;

using static Arena.Web.Tests.Sessions.KeyRing.KeyRingHosts;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>
/// The key ring encrypted at rest: web hosts composed the app's way store each key encrypted to their shared RSA
/// certificate, read each other's cookies, and a reader of the database without the certificate learns no key.
/// </summary>
[Collection(KeyRingCollection.Name)]
public sealed class KeyRingEncryptionTests(KeyRingDatabases databases)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task HostsWithTheCertificate_StoreTheKeyEncrypted_AndReadEachOthersCookies(DatabaseKind kind)
    {
        var settings = await SettingsAsync(kind, databases.Certificates.KeyRingSettings());
        await using var first = Host(settings);
        await using var second = Host(settings);
        var id = SessionTokens.NewId();

        var cookie = Tokens(first).Protect(id);

        Assert.Equal(id, Tokens(second).Unprotect(cookie));
        var (_, xml) = Assert.Single(await KeyRingDatabases.ReadRowsAsync(kind, settings["ConnectionStrings:arena"]!));
        Assert.Single(Named(xml, "encryptedSecret"));
        Assert.Single(xml.Descendants(XName.Get("EncryptedData", "http://www.w3.org/2001/04/xmlenc#")));
        Assert.Empty(Named(xml, "masterKey"));
        Assert.DoesNotContain("requiresEncryption", xml.ToString(SaveOptions.DisableFormatting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWithAnotherCertificate_CannotReadTheStoredKeys()
    {
        var settings = await SettingsAsync(DatabaseKind.PostgreSql, databases.Certificates.KeyRingSettings());
        var id = SessionTokens.NewId();
        await using var owner = Host(settings);
        var cookie = Tokens(owner).Protect(id);

        var certificate = Path.Combine(databases.Directory, "other-data-protection.pem");
        var key = Path.Combine(databases.Directory, "other-data-protection-key.pem");
        TestCertificates.WriteKeyEncryptionCertificate(certificate, key, "another-cluster");
        await using var stranger = Host(new(settings)
        {
            [KeyRingEncryption.CertificateKey] = certificate,
            [KeyRingEncryption.PrivateKeyKey] = key,
        });

        Assert.Null(Tokens(stranger).Unprotect(cookie));
        Assert.Equal(id, Tokens(owner).Unprotect(cookie));
    }

    [Fact]
    public async Task KeysStoredBeforeEncryption_StayReadable_AndNewKeysAreEncrypted()
    {
        var settings = await SettingsAsync(DatabaseKind.PostgreSql, new() { [KeyRingEncryption.EncryptKeysKey] = "false" });
        var id = SessionTokens.NewId();
        string cookie;
        await using (var before = Host(settings))
        {
            cookie = Tokens(before).Protect(id);
        }

        var plain = Assert.Single(await KeyRingDatabases.ReadRowsAsync(DatabaseKind.PostgreSql, settings["ConnectionStrings:arena"]!)).Xml;
        Assert.Single(Named(plain, "masterKey"));

        settings.Remove(KeyRingEncryption.EncryptKeysKey);
        await using var after = Host(new(settings.Concat(databases.Certificates.KeyRingSettings())));

        Assert.Equal(id, Tokens(after).Unprotect(cookie));
    }

    [Fact]
    public async Task ClusterProfile_WithoutACertificate_RefusesToStart_NamingTheSettings()
    {
        var settings = await SettingsAsync(DatabaseKind.PostgreSql, []);

        var error = Assert.Throws<InvalidOperationException>(() => Host(settings));

        Assert.Contains(KeyRingEncryption.CertificateKey, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{KeyRingEncryption.EncryptKeysKey}=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EllipticCurveCertificate_IsRefused_AsNotRsa()
    {
        var (certificate, key) = databases.Certificates.Issue("web-ec");

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingEncryption.From(
            Configuration(new() { [KeyRingEncryption.CertificateKey] = certificate, [KeyRingEncryption.PrivateKeyKey] = key }),
            new KeyRingStore.InMemory()));

        Assert.Contains("needs an RSA certificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.pem", null, "do not give a PEM certificate")]
    [InlineData(null, "yes", "is 'yes', which is not true or false")]
    [InlineData("data-protection.pem", "false", "remove one of them")]
    public void From_SettingsThatDoNotWork_AreRefused_SayingWhy(string? certificate, string? encrypt, string expected)
    {
        var configured = databases.Certificates.KeyRingSettings();
        var settings = new Dictionary<string, string?> { [KeyRingEncryption.EncryptKeysKey] = encrypt };
        if (certificate is not null)
        {
            settings[KeyRingEncryption.CertificateKey] = Path.Combine(databases.Certificates.Folder, certificate);
            settings[KeyRingEncryption.PrivateKeyKey] = configured[KeyRingEncryption.PrivateKeyKey];
        }

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingEncryption.From(Configuration(settings), new KeyRingStore.InMemory()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_CertificateWithoutItsKey_IsRefused()
    {
        var configured = databases.Certificates.KeyRingSettings();

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingEncryption.From(
            Configuration(new() { [KeyRingEncryption.CertificateKey] = configured[KeyRingEncryption.CertificateKey] }),
            new KeyRingStore.InMemory()));

        Assert.Contains("with its private key", error.Message, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string?>> SettingsAsync(DatabaseKind kind, Dictionary<string, string?> encryption) => new(encryption)
    {
        ["Arena:Profile"] = kind == DatabaseKind.PostgreSql ? "cluster" : "embedded",
        ["ConnectionStrings:arena"] = await databases.CreateAsync(kind),
    };

    private static IEnumerable<XElement> Named(XElement xml, string localName) => xml.Descendants().Where(e => e.Name.LocalName == localName);
}
