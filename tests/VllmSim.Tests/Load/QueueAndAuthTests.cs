using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using VllmSim.Tests.Errors;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Load;

public sealed class QueueAndAuthTests
{
    [Fact]
    public async Task ChatCompletion_QueueFull_Returns503AndMetricsShowRunning()
    {
        // A fake clock holds the first request in its time-to-first-token delay: it occupies the only slot.
        var clock = new FakeTimeProvider();
        await using var server = await VllmSimServer.StartAsync(new SimulatorOptions { MaxNumSeqs = 1, MaxWaiting = 0, TimeScale = 1 }, clock);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var running = await http.SendAsync(
            Sse.ChatRequest(Sse.Body("sim-mistral-7b", "Tell me a story", stream: true)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode); // headers are sent once the request holds a slot

        using var rejected = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-mistral-7b", "Tell me another", stream: true)));
        await ErrorResponseTests.AssertErrorAsync(rejected, 503, "ServiceUnavailableError");

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("vllm:num_requests_running{engine=\"0\",model_name=\"sim-mistral-7b\"} 1.0", metrics, StringComparison.Ordinal);

        // Other models have their own engine and are not blocked.
        using var other = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-llama-3.1-8b", "Hi", stream: true)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ChatCompletion_SequentialRequestsWithOneSlot_EachReleasesItsSlot()
    {
        await using var server = await VllmSimServer.StartAsync(new SimulatorOptions { MaxNumSeqs = 1, MaxWaiting = 0, TimeScale = 0 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            var events = await Sse.StreamAsync(http, Sse.Body("sim-mistral-7b", $"Question {i}", stream: true));
            Assert.Equal("[DONE]", events[^1]);
            using var plain = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-mistral-7b", $"Question {i}", stream: false)));
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }
    }

    [Fact]
    public async Task ChatCompletion_ApiKeyConfigured_RejectsMissingOrWrongKeyWith401()
    {
        await using var server = await VllmSimServer.StartAsync(new SimulatorOptions { TimeScale = 0, ApiKey = "secret-key" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var missing = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-gpt-4o", "Hi", stream: false)));
        await ErrorResponseTests.AssertErrorAsync(missing, 401, "AuthenticationError");

        var wrong = SdkClients.Chat(server.BaseAddress, "sim-gpt-4o", apiKey: "wrong");
        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => wrong.CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(401, ex.Status);

        var right = SdkClients.Chat(server.BaseAddress, "sim-gpt-4o", apiKey: "secret-key");
        ChatCompletion ok = await right.CompleteChatAsync([new UserChatMessage("Hi")]);
        Assert.NotEmpty(ok.Content[0].Text);

        using var health = await http.GetAsync("/health"); // like vLLM, only /v1 needs the key
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ChatCompletion_ModelFailureRateOne_AlwaysFailsOnlyThatModel()
    {
        var options = new SimulatorOptions { TimeScale = 0, Seed = 7 };
        options.Models.Single(m => m.Id == "sim-qwen-2.5-7b").Failures = new FailureInjectionOptions { RateLimitRate = 1 };
        await using var server = await VllmSimServer.StartAsync(options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var failing = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-qwen-2.5-7b", "Hi", stream: false)));
        await ErrorResponseTests.AssertErrorAsync(failing, 429, "RateLimitError");

        using var fine = await http.SendAsync(Sse.ChatRequest(Sse.Body("sim-gpt-4o", "Hi", stream: false)));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}
