using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.ClusterTests;

/// <summary>
/// A contestant with their own cookie jar, sending each request to the address the test chooses (a node directly or
/// nginx). Remembers every answer the server acknowledged (204) and whether the submit was accepted (200), so the
/// test can check both against the database. A request that fails with 5xx, 408, 429 or a connection error is sent
/// again after a short delay, as the attempt page does, until <see cref="RetryFor"/> has passed.
/// </summary>
internal sealed class Contestant : IDisposable
{
    private const string Password = "cluster-pass-1";
    private static int _sequence = Random.Shared.Next(0, 100_000);

    private readonly HttpClient _http;
    private readonly ConcurrentQueue<string> _failures = new();

    public Contestant(string tenantPath, string name)
    {
        TenantPath = tenantPath.TrimEnd('/');
        Name = name;
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name { get; }

    public string TenantPath { get; }

    public CookieContainer Cookies { get; }

    /// <summary>How long a failing request is retried (0: not at all).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(30);

    public Guid AttemptId { get; private set; }

    /// <summary>Question id → its option ids, in the order of the attempt.</summary>
    public IReadOnlyList<(string Question, string[] Options)> Questions { get; private set; } = [];

    /// <summary>Question id → the option of the last answer acknowledged with 204.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new();

    public int AcknowledgedCount;

    public bool Submitted { get; private set; }

    /// <summary>Every failed try (later retried), with the time and what happened.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public async Task RegisterAsync(Uri via, string unitCode)
    {
        var n = Interlocked.Increment(ref _sequence);
        var body = new
        {
            fullName = $"Thí sinh {Name}",
            dateOfBirth = "1990-05-17",
            citizenId = "0" + (10_000_000_000L + (n * 7919L % 89_999_999_999L)).ToString(CultureInfo.InvariantCulture),
            phone = "09" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            groupCode = "N2",
            unitCode,
            password = Password,
            consent = true,
        };
        using var response = await _http.PostAsJsonAsync(Url(via, "/api/v1/account/register"), body);
        await EnsureAsync(response, HttpStatusCode.Created, "register");
    }

    public async Task StartAttemptAsync(Uri via, string contest = "thi-thu")
    {
        using var response = await SendAsync("start", () => new HttpRequestMessage(HttpMethod.Post, Url(via, $"/api/v1/contests/{contest}/attempts")) { Content = JsonContent.Create(new { }) });
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            await EnsureAsync(response, HttpStatusCode.Created, "start attempt");
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        AttemptId = Guid.Parse(json["attemptId"]!.GetValue<string>());
        Questions = json["questions"]!.AsArray()
            .Select(q => (q!["id"]!.GetValue<string>(), q["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToArray()))
            .ToList();
    }

    /// <summary>Answers question <paramref name="index"/> with option <paramref name="option"/> (mod the option count); true on 204.</summary>
    public async Task AnswerAsync(Uri via, int index, int option)
    {
        var (question, options) = Questions[index];
        var optionId = options[option % options.Length];
        using var response = await SendAsync($"answer {index}", () => new HttpRequestMessage(HttpMethod.Put, Url(via, $"/api/v1/attempts/{AttemptId}/answers/{Uri.EscapeDataString(question)}"))
        {
            Content = JsonContent.Create(new { optionId }),
        });
        await EnsureAsync(response, HttpStatusCode.NoContent, $"answer {index}");
        Acknowledged[question] = optionId;
        Interlocked.Increment(ref AcknowledgedCount);
    }

    public async Task<JsonNode> SubmitAsync(Uri via)
    {
        using var response = await SendAsync("submit", () => new HttpRequestMessage(HttpMethod.Post, Url(via, $"/api/v1/attempts/{AttemptId}/submit")) { Content = JsonContent.Create(new { prediction = 1 }) });
        await EnsureAsync(response, HttpStatusCode.OK, "submit");
        Submitted = true;
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonNode> GetAttemptAsync(Uri via)
    {
        using var response = await SendAsync("get attempt", () => new HttpRequestMessage(HttpMethod.Get, Url(via, $"/api/v1/attempts/{AttemptId}")));
        await EnsureAsync(response, HttpStatusCode.OK, "get attempt");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Checks the database: every acknowledged answer stored with its option; the attempt final if the submit got 200.</summary>
    public async Task VerifyStoredAsync(Database database)
    {
        var stored = await database.StoredAnswersAsync(AttemptId);
        var lost = Acknowledged
            .Where(a => !stored.TryGetValue(a.Key, out var option) || option != a.Value)
            .Select(a => $"{a.Key}: acknowledged {a.Value}, stored {(stored.TryGetValue(a.Key, out var s) ? s ?? "nothing" : "no such question")}")
            .ToList();
        Assert.True(lost.Count == 0, $"{Name} (attempt {AttemptId}): {lost.Count} of {Acknowledged.Count} acknowledged answers are not in the database:{Environment.NewLine}{string.Join(Environment.NewLine, lost)}");

        var state = await database.AttemptStateAsync(AttemptId);
        if (Submitted)
        {
            Assert.True(state == "Submitted", $"{Name}: the submit got 200 but the attempt {AttemptId} is '{state}' in the database.");
        }
    }

    private Uri Url(Uri via, string apiPath) => new(via, TenantPath + apiPath);

    /// <summary>Sends, retrying 5xx/408/429 and connection errors after 500 ms until <see cref="RetryFor"/> has passed.</summary>
    private async Task<HttpResponseMessage> SendAsync(string what, Func<HttpRequestMessage> request)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            string failure;
            try
            {
                using var message = request();
                var response = await _http.SendAsync(message);
                var status = (int)response.StatusCode;
                if (status < 500 && status is not 408 and not 429)
                {
                    return response;
                }

                failure = $"HTTP {status} {Truncate(await response.Content.ReadAsStringAsync())}";
                response.Dispose();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: {failure}");
            if (watch.Elapsed >= RetryFor)
            {
                throw new InvalidOperationException($"{Name}: {what} still failing after {watch.Elapsed.TotalSeconds:0.0} s: {failure}");
            }

            await Task.Delay(500);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{Name}: {what} answered {(int)response.StatusCode} (expected {(int)expected}): {Truncate(body)}");
        }
    }

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";

    public void Dispose() => _http.Dispose();
}
