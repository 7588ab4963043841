namespace Arena.Web.Components;

/// <summary>The browser session the interactive UI acts for, cascaded from the root component.</summary>
/// <param name="Id">The session id from the <c>arena_session</c> cookie.</param>
/// <param name="ClientHash">The hash of the client address of the page request (see <see cref="Integrity.ClientAddress"/>).</param>
public sealed record UserSession(string Id, string ClientHash = "");
