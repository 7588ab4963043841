using System.Net;
using System.Text.RegularExpressions;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Limits;

/// <summary>
/// Every limited action is refused with 429 past its limit, per session and per client address, with a
/// Retry-After and a detail that names the limit and when to retry. The limiter runs before the endpoint, so
/// requests count whatever their answer; cheap ones (an empty prompt, an unknown battle) do here.
/// </summary>
[Collection(SlowLimitsCollection.Name)]
public sealed partial class RateLimitTests(SlowLimitsFixture fixture)
{
    public static TheoryData<string, string, string, string?> Actions => new()
    {
        { "battle or chat starts", "POST", "/api/battles", """{"prompt": ""}""" },
        { "battle or chat starts", "POST", "/api/chat", """{"message": ""}""" },
        { "votes", "POST", "/api/battles/{id}/vote", """{"winner": "a"}""" },
        { "follow-up prompts", "POST", "/api/battles/{id}/messages", """{"prompt": "and then?"}""" },
        { "regenerates", "POST", "/api/battles/{id}/regenerate", null },
        { "dataset uploads", "POST", "/api/sessions/me/datasets", "" },
        { "route requests", "POST", "/api/route", """{"message": ""}""" },
        { "exports", "GET", "/api/battles/export", null },
        { "assistant messages", "POST", "/api/assistant/{id}/messages", """{"message": ""}""" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_PastTheSessionLimit_Is429WithRetryAfterAndTheLimit(string name, string method, string path, string? body)
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var request = Request(method, path, body);

        await Refusals.AllowedAsync(session, TestLimits.PerSession, request);
        var problem = await Refusals.RefusedAsync(session, request());

        Assert.Matches(Detail(name, "this session", TestLimits.PerSession), problem.Detail);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_PastTheAddressLimit_Is429EvenWithFreshSessions(string name, string method, string path, string? body)
    {
        // No cookies: every request is a new session, so only the address limit can refuse.
        using var sessions = fixture.Arena.Client(cookies: false, forwardedFor: TestLimits.NewAddress());
        var request = Request(method, path, body);

        await Refusals.AllowedAsync(sessions, TestLimits.PerAddress, request);
        var problem = await Refusals.RefusedAsync(sessions, request());

        Assert.Matches(Detail(name, "this address", TestLimits.PerAddress), problem.Detail);
    }

    [Fact]
    public async Task Refusal_ChangesNothing_TheRefusedStartStartsNoBattle()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        await Refusals.AllowedAsync(session, TestLimits.PerSession, Request("POST", "/api/battles", """{"prompt": ""}"""));

        await Refusals.RefusedAsync(session, Request("POST", "/api/battles", """{"prompt": "A real prompt"}""")());

        using var history = await session.GetAsync("/api/sessions/me/battles");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains("\"battles\":[]", await history.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_AreLimitedApart_AnotherSessionOnTheSameAddressIsNotRefused()
    {
        var address = TestLimits.NewAddress();
        using var first = await fixture.Arena.SessionAsync(address);
        using var second = await fixture.Arena.SessionAsync(address);
        var request = Request("POST", "/api/route", """{"message": ""}""");
        await Refusals.AllowedAsync(first, TestLimits.PerSession, request);
        await Refusals.RefusedAsync(first, request());

        // The address has one permit left (3 per address, 2 used and 1 refused by the session limit).
        await Refusals.AllowedAsync(second, 1, request);
    }

    /// <summary>The refusal's detail: "Too many {name} from {who}: at most {n} an hour. Try again in {s} s."</summary>
    private static Regex Detail(string name, string who, int limit) =>
        new($"^Too many {Regex.Escape(name)} from {who}: at most {limit} an hour\\. Try again in [0-9]+ s\\.$");

    /// <summary>A fresh request each call (an unknown battle id where the path has one); the export, an operator endpoint, carries the operator key.</summary>
    private static Func<HttpRequestMessage> Request(string method, string path, string? body) => () =>
    {
        var request = Refusals.Request(method, path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal), body);
        if (path == "/api/battles/export")
        {
            request.Headers.Add(OperatorRequests.Header, OperatorRequests.Key);
        }

        return request;
    };
}
