using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Platform.LoadDriver;

/// <summary>One shared HTTP client for all simulated contestants (each carries its own cookie), and the calls they make.</summary>
internal sealed class Client : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 1000,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends and records latency and outcome; a response that is not <paramref name="expected"/> is an error.</summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string url, string? cookie, object? body, Recorder? recorder, params HttpStatusCode[] expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var watch = Stopwatch.StartNew();
        HttpResponseMessage? response;
        try
        {
            response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            response = null;
        }

        recorder?.Record(watch.Elapsed.TotalMilliseconds, response is not null && expected.Contains(response.StatusCode) ? null : Status(response),
            response?.Content.Headers.ContentLength ?? 0);
        return response;
    }

    public async Task WaitAsync(string url, string what)
    {
        for (var i = 0; i < 480; i++)
        {
            using var response = await SendAsync(HttpMethod.Get, url, null, null, null);
            if (response?.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what} did not answer 200 at {url}");
    }

    public static string Status(HttpResponseMessage? response) =>
        response is null ? "no answer" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    /// <summary>The problem code (the end of <c>type</c>) of a problem+json answer, or null.</summary>
    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.TryGetProperty("type", out var type) ? type.GetString()?.Split('/', '#', ':')[^1] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Closed loop: <paramref name="connections"/> clients each send GETs back to back for <paramref name="duration"/>;
    /// <paramref name="next"/> picks the recorder and address of each request.
    /// </summary>
    public async Task ClosedLoopAsync(int connections, TimeSpan duration, Func<Random, (Recorder Recorder, string Url)> next)
    {
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async index =>
        {
            var random = new Random(index);
            while (until.Elapsed < duration)
            {
                var (recorder, url) = next(random);
                using var _ = await SendAsync(HttpMethod.Get, url, null, null, recorder, HttpStatusCode.OK);
            }
        }));
    }

    public void Dispose() => _http.Dispose();
}
