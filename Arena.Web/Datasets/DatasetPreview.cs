using Arena.Sessions;

namespace Arena.Web.Datasets;

/// <summary>A dataset's description and its first rows, cells as uploaded, in column order.</summary>
public sealed record DatasetPreview(DatasetInfo Info, IReadOnlyList<IReadOnlyList<string>> Rows);
