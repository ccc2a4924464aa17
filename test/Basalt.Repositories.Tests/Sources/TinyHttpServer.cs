using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Basalt.Repositories.Tests.Sources;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 for tests: serves a folder, can fail the first N requests of a path
/// with 503, and counts requests per path. One connection at a time, "Connection: close".
/// </summary>
internal sealed class TinyHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, int> _requests = [];
    private readonly Dictionary<string, int> _failures = [];

    public TinyHttpServer(string root)
    {
        _root = root;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public void FailFirst(string path, int count)
    {
        lock (_failures)
        {
            _failures[path] = count;
        }
    }

    public int Requests(string path)
    {
        lock (_requests)
        {
            return _requests.GetValueOrDefault(path);
        }
    }

    private async Task LoopAsync()
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
            catch (SocketException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await ServeAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // The client went away.
                }
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
        {
        }

        var path = Uri.UnescapeDataString(requestLine.Split(' ')[1].TrimStart('/'));
        lock (_requests)
        {
            _requests[path] = _requests.GetValueOrDefault(path) + 1;
        }

        bool fail;
        lock (_failures)
        {
            fail = _failures.GetValueOrDefault(path) > 0;
            if (fail)
            {
                _failures[path]--;
            }
        }

        var file = Path.Combine(_root, path);
        if (fail)
        {
            await WriteAsync(stream, "503 Service Unavailable", []);
        }
        else if (path.Contains("..", StringComparison.Ordinal) || !File.Exists(file))
        {
            await WriteAsync(stream, "404 Not Found", []);
        }
        else
        {
            await WriteAsync(stream, "200 OK", await File.ReadAllBytesAsync(file));
        }
    }

    private static async Task WriteAsync(NetworkStream stream, string status, byte[] body)
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping the listener may fault the accept loop; nothing to clean up.
        }

        _stop.Dispose();
    }
}
