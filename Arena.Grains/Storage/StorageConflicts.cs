using Orleans.Storage;

namespace Arena.Storage;

/// <summary>Tells a version conflict (the stored state is not the version the activation read) from other write failures.</summary>
public static class StorageConflicts
{
    /// <summary>True when <paramref name="exception"/> is, or wraps, Orleans' <see cref="InconsistentStateException"/>.</summary>
    public static bool Is(Exception exception) =>
        exception is InconsistentStateException || exception.InnerException is InconsistentStateException;
}
