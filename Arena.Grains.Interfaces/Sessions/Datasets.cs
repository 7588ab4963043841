namespace Arena.Sessions;

/// <summary>The type inferred for a dataset column from its values.</summary>
public enum ColumnType
{
    Integer,
    Number,
    Boolean,
    Date,
    Text,
}

/// <summary>One column of an uploaded dataset: its header, inferred type, and how many rows lack a value.</summary>
[GenerateSerializer, Immutable]
public sealed record DatasetColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] ColumnType Type,
    [property: Id(2)] int Missing);

/// <summary>A dataset a session uploaded: what the session, the router and the assistant know of it. The rows live in the dataset store.</summary>
[GenerateSerializer, Immutable]
public sealed record DatasetInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] int Rows,
    [property: Id(4)] IReadOnlyList<DatasetColumn> Columns,
    [property: Id(5)] DateTimeOffset UploadedAt);

/// <summary>
/// What routing needs to know of a session: its datasets, and the assistant conversation under way
/// (the workflow), if any.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SessionContext(
    [property: Id(0)] IReadOnlyList<DatasetInfo> Datasets,
    [property: Id(1)] Guid? Conversation,
    [property: Id(2)] DateTimeOffset? WorkflowActiveUntil)
{
    public bool DataLoaded => Datasets.Count > 0;

    public bool WorkflowActive(DateTimeOffset now) => Conversation is not null && WorkflowActiveUntil > now;
}
