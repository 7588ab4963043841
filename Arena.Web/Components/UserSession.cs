namespace Arena.Web.Components;

/// <summary>The browser session the interactive UI acts for, cascaded from the root component.</summary>
/// <param name="Id">The session id from the <c>arena_session</c> cookie.</param>
public sealed record UserSession(string Id);
