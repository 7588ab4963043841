using System.ClientModel;

namespace Arena.Models;

/// <summary>Why a generation failed, in words a user may read (never naming the model) and as a kind for statistics.</summary>
public sealed record ModelFailure(string Kind, string Message)
{
    public const string FirstTokenTimeout = "first_token_timeout";
    public const string IdleTimeout = "idle_timeout";
    public const string RateLimited = "rate_limited";
    public const string Overloaded = "overloaded";
    public const string ClientError = "client_error";
    public const string ServerError = "server_error";
    public const string Unreachable = "unreachable";
    public const string Incomplete = "incomplete";
    public const string Busy = "busy";
    public const string Stopped = "stopped";

    /// <summary>Describes an exception from the model client; server messages that name the model are redacted.</summary>
    public static ModelFailure From(Exception exception, ModelDefinition model)
    {
        var failure = exception switch
        {
            ClientResultException { Status: 429 } e => new ModelFailure(RateLimited, $"The model server is rate-limiting requests (429): {FirstLine(e.Message)}"),
            ClientResultException { Status: 503 } e => new ModelFailure(Overloaded, $"The model server is overloaded (503): {FirstLine(e.Message)}"),
            ClientResultException { Status: >= 400 and < 500 } e => new ModelFailure(ClientError, $"The model server refused the request ({e.Status}): {FirstLine(e.Message)}"),
            ClientResultException { Status: >= 500 } e => new ModelFailure(ServerError, $"The model server failed ({e.Status}): {FirstLine(e.Message)}"),
            HttpRequestException or IOException or ClientResultException => new ModelFailure(Unreachable, $"The model server could not be reached: {FirstLine(exception.Message)}"),
            _ => new ModelFailure(ServerError, $"The model failed: {FirstLine(exception.Message)}"),
        };
        return failure with { Message = Redact(failure.Message, model) };
    }

    /// <summary>
    /// What a battle shows for a failure of this kind: it names no host, address, key or model, whatever
    /// the model server said (that detail goes to the operators' log).
    /// </summary>
    public static string UserMessage(string kind) => kind switch
    {
        FirstTokenTimeout => "The assistant did not start answering in time. Start a new round.",
        IdleTimeout => "The assistant stopped answering partway through. Start a new round.",
        RateLimited => "The assistant is getting too many requests right now. Start a new round in a moment.",
        Overloaded => "The assistant is overloaded right now. Start a new round in a moment.",
        Busy => "The assistant is busy with other requests. Start a new round in a moment.",
        ClientError => "The assistant could not take this request. Try rephrasing it, or start a new round.",
        Unreachable => "The assistant could not be reached. Start a new round.",
        Incomplete => "The assistant's answer ended before it was finished. Start a new round.",
        Stopped => "The answer was stopped.",
        _ => "The assistant failed while answering. Start a new round.",
    };

    /// <summary>Replaces the model's names in a message with "the model": battles are blind.</summary>
    public static string Redact(string message, ModelDefinition model)
    {
        foreach (var name in new[] { model.Id, model.ServedName, model.Name }.Distinct().OrderByDescending(n => n.Length))
        {
            message = message.Replace(name, "the model", StringComparison.OrdinalIgnoreCase);
        }

        return message;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300];
    }
}
