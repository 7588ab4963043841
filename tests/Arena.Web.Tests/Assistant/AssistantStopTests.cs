using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Assistant;

/// <summary>Turns on a simulator so slow that an answer streams for minutes: stop and conflict are deterministic.</summary>
public sealed partial class AssistantStopTests(SlowAssistantHostFixture fixture) : IClassFixture<SlowAssistantHostFixture>
{
    [Fact]
    public async Task Stop_WhileStreaming_CancelsTheModelRequestKeepsTheTextAndEndsTheEvents()
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        (await assistant.AskAsync(id, "Tell me a story about a lighthouse keeper")).Dispose();
        await ArenaApi.ExpectProblemAsync(assistant.SendAsync(id, """{"message": "And then?"}"""), HttpStatusCode.Conflict);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var received = new StringBuilder();
        var stopped = false;
        string? stoppedText = null;
        var last = "";
        await foreach (var e in assistant.StreamEventsAsync(id, deadline.Token))
        {
            last = e.Type;
            if (e.Type == "token")
            {
                var data = AssistantApi.Data(e);
                Assert.Equal(received.Length, data.GetProperty("offset").GetInt32());
                received.Append(data.GetProperty("text").GetString());
            }

            if (!stopped && received.Length > 0)
            {
                stopped = true;
                using var snapshot = await assistant.StopAsync(id);
                Assert.Equal("stopped", snapshot.RootElement.GetProperty("status").GetString());
                stoppedText = snapshot.RootElement.GetProperty("turns")[0].GetProperty("text").GetString();
            }
        }

        Assert.True(stopped, "No token arrived before the stream ended.");
        Assert.Equal("turn_done", last);
        Assert.False(string.IsNullOrEmpty(stoppedText));
        Assert.Equal(stoppedText, received.ToString());
        using var final = await assistant.GetAsync(id);
        Assert.Equal("stopped", final.RootElement.GetProperty("status").GetString());
        Assert.Equal(stoppedText, final.RootElement.GetProperty("turns")[0].GetProperty("text").GetString());

        // The simulator would still be generating for minutes; it stops only because the request was cancelled.
        Assert.Equal(0, await RunningRequestsWhenIdleAsync(deadline.Token));
    }

    /// <summary>Reads sim-assistant's running-request gauge until it drops to zero (or the deadline passes and the test fails).</summary>
    private async Task<int> RunningRequestsWhenIdleAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = fixture.SimulatorUrl };
        var running = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var metrics = await http.GetStringAsync("/metrics", cancellationToken);
            var match = RunningGauge().Match(metrics);
            Assert.True(match.Success, "The simulator reports no running-request gauge for sim-assistant.");
            running = (int)double.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (running == 0)
            {
                return 0;
            }

            await Task.Delay(100, cancellationToken);
        }

        return running;
    }

    [GeneratedRegex("""vllm:num_requests_running\{[^}]*model_name="sim-assistant"[^}]*\} (?<n>[0-9.]+)""")]
    private static partial Regex RunningGauge();
}
