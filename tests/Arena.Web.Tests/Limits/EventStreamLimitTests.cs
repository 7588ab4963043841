using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Limits;

/// <summary>Open event streams are limited at once (a concurrency limiter), per session and per address; a closed stream gives its place back.</summary>
[Collection(SlowLimitsCollection.Name)]
public sealed class EventStreamLimitTests(SlowLimitsFixture fixture)
{
    [Fact]
    public async Task BattleEvents_PastTheSessionLimit_Is429UntilAStreamCloses()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var events = await StartBattleAsync(session);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < TestLimits.PerSession; i++)
            {
                open.Add(await OpenAsync(session, events));
            }

            var problem = await Refusals.RefusedAsync(session, Refusals.Request("GET", events));
            Assert.Equal($"Too many open event streams from this session: at most {TestLimits.PerSession} at once. Close one and try again.", problem.Detail);

            // Closing a stream gives its place back (once the server has seen the client go).
            open[0].Dispose();
            open.RemoveAt(0);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var again = await session.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (again.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    break;
                }

                Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
                again.Dispose();
                await Task.Delay(50, deadline.Token);
            }
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task BattleEvents_PastTheAddressLimit_Is429ForAnotherSessionToo()
    {
        var address = TestLimits.NewAddress();
        using var first = await fixture.Arena.SessionAsync(address);
        using var second = await fixture.Arena.SessionAsync(address);
        var firstEvents = await StartBattleAsync(first);
        var secondEvents = await StartBattleAsync(second);
        var open = new List<HttpResponseMessage>();
        try
        {
            open.Add(await OpenAsync(first, firstEvents));
            open.Add(await OpenAsync(first, firstEvents));
            open.Add(await OpenAsync(second, secondEvents));

            var problem = await Refusals.RefusedAsync(second, Refusals.Request("GET", secondEvents));
            Assert.Equal($"Too many open event streams from this address: at most {TestLimits.PerAddress} at once. Close one and try again.", problem.Detail);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task AssistantEvents_WhileTheSessionsStreamsAreOpen_Is429()
    {
        // Battle and assistant streams share one limit. (An assistant stream on the slowed models sends its
        // headers only with its first event, so the open streams here are battles'.)
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var events = await StartBattleAsync(session);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < TestLimits.PerSession; i++)
            {
                open.Add(await OpenAsync(session, events));
            }

            var problem = await Refusals.RefusedAsync(session, Refusals.Request("GET", $"/api/assistant/{Guid.NewGuid()}/events"));
            Assert.StartsWith("Too many open event streams from this session", problem.Detail, StringComparison.Ordinal);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    /// <summary>Starts a battle (it keeps answering on the slowed models) and returns its events path.</summary>
    internal static async Task<string> StartBattleAsync(HttpClient session)
    {
        using var response = await session.PostAsJsonAsync("/api/battles", new { prompt = "Write a long story about a lighthouse." });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return ArenaApi.Parse<JsonElement>(body).GetProperty("events").GetString()!;
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient session, string events)
    {
        var response = await session.GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
