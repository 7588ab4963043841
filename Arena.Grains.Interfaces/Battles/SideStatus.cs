namespace Arena.Battles;

/// <summary>Where one side's answer stands.</summary>
public enum SideStatus
{
    Waiting,
    Streaming,
    Done,
    Failed,
}
