namespace Arena.Hosting.Tls;

/// <summary>
/// TLS between the silos of a cluster and for the clients of their gateways (configuration section <c>Arena:Tls</c>).
/// Every member shows a certificate signed by the cluster's own certificate authority and accepts only peers that do:
/// mutual TLS, with trust rooted in <see cref="CaPath"/> alone, not in the machine's store.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Arena:Tls";

    /// <summary>On by default in the cluster profile; off only where another layer (a private network, a mesh) secures it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This member's certificate (PEM), signed by the cluster's authority, with client and server authentication.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM, unencrypted; keep the file readable by Arena's user only).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's certificate authority (PEM): a peer is trusted only if its certificate chains to it.</summary>
    public string? CaPath { get; set; }
}
