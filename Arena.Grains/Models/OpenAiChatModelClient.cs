using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenAI;
using OpenAI.Chat;
using SdkMessage = OpenAI.Chat.ChatMessage;

namespace Arena.Models;

/// <summary>Calls OpenAI-compatible servers (vLLM, OpenAI, Ollama, Groq, Mistral, VllmSim) through the OpenAI SDK.</summary>
public sealed class OpenAiChatModelClient : IChatModelClient
{
    private readonly ConcurrentDictionary<(string Model, Uri Endpoint), ChatClient> _clients = new();

    public async IAsyncEnumerable<ModelUpdate> StreamAsync(
        ModelDefinition model, Uri endpoint, GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = _clients.GetOrAdd((model.Id, endpoint), key => CreateClient(model, key.Endpoint));
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = request.MaxOutputTokens,
            Temperature = request.Temperature,
        };
#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK; vLLM honours it.
        options.Seed = request.Seed;
#pragma warning restore OPENAI001

        var updates = client.CompleteChatStreamingAsync(request.Messages.Select(ToSdk), options, cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            var text = string.Concat(update.ContentUpdate.Select(p => p.Text));
            var finish = update.FinishReason is { } reason ? FinishReasonName(reason) : null;
            if (text.Length > 0 || finish is not null || update.Usage is not null)
            {
                yield return new ModelUpdate(text, finish, update.Usage?.InputTokenCount, update.Usage?.OutputTokenCount);
            }
        }
    }

    private static ChatClient CreateClient(ModelDefinition model, Uri endpoint)
    {
        var key = ModelApiKey.Read(model);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // Arena decides about retries itself: a failed side is shown, not silently retried for seconds.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        return new ChatClient(model.ServedName, new ApiKeyCredential(string.IsNullOrEmpty(key) ? "none" : key), options);
    }

    private static SdkMessage ToSdk(ChatMessage message) => message.Role switch
    {
        ChatRole.System => new SystemChatMessage(message.Content),
        ChatRole.User => new UserChatMessage(message.Content),
        ChatRole.Assistant => new AssistantChatMessage(message.Content),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.Role, "Unknown chat role."),
    };

    private static string FinishReasonName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
