using System.Globalization;

namespace Arena.Web.Datasets;

/// <summary>An upload refused for its size (HTTP 413). Nothing was stored.</summary>
public sealed class DatasetTooLargeException(long maxBytes)
    : Exception($"The file is larger than the {Describe(maxBytes)} limit for datasets; upload a smaller CSV file (e.g. fewer rows or columns).")
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>A size for people: whole megabytes when it is one, else bytes.</summary>
    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0}-byte");
}
