using System.Threading.RateLimiting;

namespace Arena.Web.Limits;

/// <summary>A refusal: not acquired, with the reason (<see cref="MetadataName.ReasonPhrase"/>) and, when waiting helps, <see cref="MetadataName.RetryAfter"/>.</summary>
internal sealed class RefusedLease(string reason, TimeSpan? retryAfter) : RateLimitLease
{
    public override bool IsAcquired => false;

    public override IEnumerable<string> MetadataNames =>
        retryAfter is null ? [MetadataName.ReasonPhrase.Name] : [MetadataName.ReasonPhrase.Name, MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.ReasonPhrase.Name ? reason
            : metadataName == MetadataName.RetryAfter.Name && retryAfter is { } wait ? wait
            : null;
        return metadata is not null;
    }
}

/// <summary>Granted by every limiter asked: disposing it releases each one's lease (a concurrency permit comes back).</summary>
internal sealed class GrantedLease(RateLimitLease? first, RateLimitLease? second) : RateLimitLease
{
    /// <summary>Granted with nothing to release, when limits are off or a side has no limit.</summary>
    public static readonly RateLimitLease Free = new GrantedLease(null, null);

    public override bool IsAcquired => true;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first?.Dispose();
            second?.Dispose();
        }
    }
}
