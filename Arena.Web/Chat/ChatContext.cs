using Arena.Sessions;

namespace Arena.Web.Chat;

/// <summary>
/// What the chat page shows of a session's routing context: its datasets (while any is loaded, messages go to the
/// assistant) and the assistant conversation of its active workflow, if one is active.
/// </summary>
public sealed record ChatContext(IReadOnlyList<DatasetInfo> Datasets, Guid? ActiveConversation)
{
    public bool DataLoaded => Datasets.Count > 0;

    public bool WorkflowActive => ActiveConversation is not null;
}
