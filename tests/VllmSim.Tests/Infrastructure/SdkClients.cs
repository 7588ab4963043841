using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace VllmSim.Tests.Infrastructure;

/// <summary>OpenAI SDK clients pointed at a simulator, optionally forcing a failure through the X-Sim-Fail header.</summary>
internal static class SdkClients
{
    public static ChatClient Chat(Uri baseAddress, string model, string? forcedFailure = null, string apiKey = "x")
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseAddress, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (forcedFailure is not null)
        {
            options.AddPolicy(new HeaderPolicy("X-Sim-Fail", forcedFailure), PipelinePosition.PerCall);
        }

        return new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    private sealed class HeaderPolicy(string name, string value) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
