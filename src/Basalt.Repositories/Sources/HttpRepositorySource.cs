using System.Net;
using Basalt.Repositories.Metadata;

namespace Basalt.Repositories.Sources;

/// <summary>
/// A repository behind an http:// or https:// base URL. Files covered by a checksum go through the
/// <see cref="RepositoryCache"/>; transient failures (connection errors, timeouts, 408, 429 and 5xx responses) are
/// retried with a growing delay.
/// </summary>
internal sealed class HttpRepositorySource : RepositorySource
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private readonly Uri _base;
    private readonly RepositoryCache _cache;
    private readonly HttpClient _client;

    public HttpRepositorySource(Uri baseUri, RepositoryCache cache, HttpClient? client)
    {
        var text = baseUri.AbsoluteUri;
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _cache = cache;
        _client = client ?? SharedClient.Value;
        Location = text;
    }

    public override string Location { get; }

    /// <summary>How many times a request is tried in all.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>The time one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public override string Describe(string relative) => new Uri(_base, CheckRelative(relative)).AbsoluteUri;

    public override async Task<byte[]?> ReadSmallFileAsync(string relative, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, CheckRelative(relative));
        byte[]? result = null;
        bool found = await SendAsync(uri, async (content, ct) =>
        {
            using var buffer = new MemoryStream();
            await CopyBoundedAsync(content, buffer, MaxSmallFileBytes, uri, ct).ConfigureAwait(false);
            result = buffer.ToArray();
        }, cancellationToken).ConfigureAwait(false);
        return found ? result : null;
    }

    public override async Task<string> GetVerifiedFileAsync(string relative, RepoChecksum checksum, long? size, string what, CancellationToken cancellationToken)
    {
        if (await _cache.TryGetAsync(checksum, size, what, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var uri = new Uri(_base, CheckRelative(relative));
        string? path = null;
        bool found = await SendAsync(uri, async (content, ct) =>
        {
            path = await _cache.StoreAsync(checksum, size, what,
                (target, token) => CopyBoundedAsync(content, target, size ?? long.MaxValue, uri, token), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return found ? path! : throw new RepositoryException($"{what}: '{uri}' was not found (HTTP 404).");
    }

    /// <summary>GETs <paramref name="uri"/> and hands the body to <paramref name="consume"/>; false on 404/410.</summary>
    private async Task<bool> SendAsync(Uri uri, Func<Stream, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AttemptTimeout);
            string failure;
            try
            {
                using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    return false;
                }

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                    await using (body.ConfigureAwait(false))
                    {
                        await consume(body, timeout.Token).ConfigureAwait(false);
                    }

                    return true;
                }

                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsTransient(response.StatusCode))
                {
                    throw new RepositoryException($"'{uri}': {failure}.");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {AttemptTimeout.TotalSeconds:0} s";
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }
            catch (IOException ex)
            {
                failure = ex.Message;
            }

            if (attempt >= Attempts)
            {
                throw new RepositoryException($"'{uri}': {failure} (gave up after {attempt} attempts).");
            }

            await Task.Delay(RetryDelay * (1 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task CopyBoundedAsync(Stream source, Stream target, long maxBytes, Uri uri, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new RepositoryException($"'{uri}': the response is longer than the expected {maxBytes} bytes (at least {total}).");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
