using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenAI;
using OpenAI.Chat;

namespace Arena.Assistant;

/// <summary>Streams tool-calling rounds from OpenAI-compatible servers (OpenAI, vLLM, VllmSim) through the OpenAI SDK.</summary>
public sealed class OpenAiAssistantClient : IAssistantModelClient
{
    private readonly ConcurrentDictionary<(string Model, Uri Endpoint, string Key), ChatClient> _clients = new();

    public async IAsyncEnumerable<AssistantModelUpdate> StreamAsync(
        AssistantModel model,
        IReadOnlyList<ConversationMessage> messages,
        IReadOnlyList<ToolSpec> tools,
        int maxOutputTokens,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = string.IsNullOrEmpty(model.ApiKey) ? "none" : model.ApiKey;
        var client = _clients.GetOrAdd((model.Definition.ServedName, model.Endpoint, key), k => CreateClient(k.Model, k.Endpoint, k.Key));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = maxOutputTokens };
        foreach (var tool in tools)
        {
            options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, tool.Parameters));
        }

        var updates = client.CompleteChatStreamingAsync(messages.Select(ToSdk), options, cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            var text = string.Concat(update.ContentUpdate.Select(p => p.Text));
            var calls = update.ToolCallUpdates
                .Select(c => new ToolCallDelta(c.Index, c.ToolCallId, c.FunctionName, c.FunctionArgumentsUpdate?.ToString()))
                .ToArray();
            var finish = update.FinishReason?.ToString();
            if (text.Length > 0 || calls.Length > 0 || finish is not null)
            {
                yield return new AssistantModelUpdate(text, calls, finish);
            }
        }
    }

    private static ChatClient CreateClient(string servedName, Uri endpoint, string key)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // A failed round is reported to the user at once, not retried behind their back.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        return new ChatClient(servedName, new ApiKeyCredential(key), options);
    }

    private static ChatMessage ToSdk(ConversationMessage message) => message.Role switch
    {
        ConversationRole.System => new SystemChatMessage(message.Text),
        ConversationRole.User => new UserChatMessage(message.Text),
        ConversationRole.Assistant when message.ToolCalls.Count > 0 => WithCalls(message),
        ConversationRole.Assistant => new AssistantChatMessage(message.Text),
        ConversationRole.Tool => new ToolChatMessage(message.ToolCallId, message.Text),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.Role, "Unknown conversation role."),
    };

    private static AssistantChatMessage WithCalls(ConversationMessage message)
    {
        var sdk = new AssistantChatMessage(message.ToolCalls.Select(c =>
            ChatToolCall.CreateFunctionToolCall(c.Id, c.Name, BinaryData.FromString(c.Arguments.Length == 0 ? "{}" : c.Arguments))));
        if (message.Text.Length > 0)
        {
            sdk.Content.Add(ChatMessageContentPart.CreateTextPart(message.Text));
        }

        return sdk;
    }
}
