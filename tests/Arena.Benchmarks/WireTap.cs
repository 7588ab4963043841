using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Arena.Benchmarks;

/// <summary>
/// A loopback TCP relay in front of the model server that timestamps, on the wire, when each chat request arrives and
/// when the first byte of answer text leaves the model server for it. With both the direct client and Arena behind it,
/// a run's added time to first token splits into the request path (the benchmark's POST to the model request on the
/// wire) and the token path (the model's first token on the wire to the first token at the client), and each side pays
/// the relay's hop alike.
/// </summary>
public sealed class WireTap : IAsyncDisposable
{
    private static readonly byte[] Post = "POST "u8.ToArray();
    private static readonly byte[] Content = "\"content\":\""u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long Request, long FirstText)> _exchanges = [];
    private readonly Task _accepting;

    public WireTap(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's base address; the model server's paths stay the same.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The requests that arrived at or after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp), each with its first answer text's timestamp (0 if none was seen).</summary>
    public IReadOnlyList<(long Request, long FirstText)> ExchangesSince(long since)
    {
        lock (_exchanges)
        {
            return [.. _exchanges.Where(e => e.Request >= since)];
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
        var open = -1; // index in _exchanges of this connection's request still waiting for its first text
        var up = PumpAsync(client.GetStream(), server.GetStream(), chunk =>
        {
            if (chunk.StartsWith(Post))
            {
                lock (_exchanges)
                {
                    _exchanges.Add((Stopwatch.GetTimestamp(), 0));
                    Volatile.Write(ref open, _exchanges.Count - 1);
                }
            }
        });
        var down = PumpAsync(server.GetStream(), client.GetStream(), chunk =>
        {
            var at = Volatile.Read(ref open);
            if (at >= 0 && HasText(chunk))
            {
                lock (_exchanges)
                {
                    _exchanges[at] = (_exchanges[at].Request, Stopwatch.GetTimestamp());
                }

                Volatile.Write(ref open, -1);
            }
        });
        await Task.WhenAny(up, down);
    }

    /// <summary>True if the chunk carries a non-empty <c>"content":"…"</c> (the role chunk's content is empty).</summary>
    private static bool HasText(ReadOnlySpan<byte> chunk)
    {
        for (var i = chunk.IndexOf(Content); i >= 0; i = NextIndex(chunk, i))
        {
            var after = i + Content.Length;
            if (after < chunk.Length && chunk[after] != (byte)'"')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextIndex(ReadOnlySpan<byte> chunk, int i)
    {
        var next = chunk[(i + 1)..].IndexOf(Content);
        return next < 0 ? -1 : i + 1 + next;
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, SpanAction observe)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                observe(buffer.AsSpan(0, read));
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // One side closed; the relay of this connection ends with it.
        }
    }

    private delegate void SpanAction(ReadOnlySpan<byte> chunk);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>Milliseconds between two <see cref="Stopwatch"/> timestamps.</summary>
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
