namespace Arena.Web.Moderation;

/// <summary>Where a prompt is going; a tag on the moderation metrics and logs.</summary>
public enum PromptUse
{
    /// <summary>The first prompt of a battle (<c>POST /api/battles</c>, the compare page).</summary>
    Battle,

    /// <summary>A follow-up prompt in a battle.</summary>
    FollowUp,

    /// <summary>A chat message, before the router sends it to a battle or the assistant.</summary>
    Chat,

    /// <summary>A message sent straight to an assistant conversation.</summary>
    Assistant,
}
