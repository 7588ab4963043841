using System.Net;
using System.Runtime.CompilerServices;

namespace Arena.Web.Tests.Streams;

/// <summary>Reads an event stream line by line as the server wrote it, comments and <c>retry:</c> fields included.</summary>
public static class RawEventStream
{
    /// <summary>The lines as they arrive; stopping the enumeration drops the connection.</summary>
    public static async IAsyncEnumerable<string> LinesAsync(HttpClient http, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The lines up to and including the first that <paramref name="last"/> accepts, then the connection is dropped.</summary>
    public static async Task<List<string>> ReadUntilAsync(HttpClient http, string path, Func<string, bool> last, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var lines = new List<string>();
        await foreach (var line in LinesAsync(http, path, timeout.Token))
        {
            lines.Add(line);
            if (last(line))
            {
                break;
            }
        }

        return lines;
    }
}
