using Arena.Web.Limits;

namespace Arena.Web.Components;

/// <summary>The browser session the interactive UI acts for, cascaded from the root component.</summary>
/// <param name="Id">The session id from the <c>arena_session</c> cookie.</param>
/// <param name="ClientHash">The hash of the client address of the page request (see <see cref="Integrity.ClientAddress"/>).</param>
/// <param name="Address">The client address partition of the page's request (see <see cref="ClientIdentity.PartitionOf"/>), read at the static render.</param>
public sealed record UserSession(string Id, string ClientHash = "", string Address = ClientIdentity.UnknownAddress)
{
    /// <summary>Who the UI's actions come from, for the limits.</summary>
    public ClientIdentity Client => new(Address, Id);
}
