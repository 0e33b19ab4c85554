using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Platform.LoadDriver;

/// <summary>
/// Simulates contestants against a real server started on loopback: register (each signs in), a synchronized
/// start, answers with think time, submit; then the same answering pattern against bare Kestrel.
/// </summary>
internal static class Driver
{
    private const string Tenant = "bench";
    private const string Contest = "bench-contest";

    public static async Task<int> RunAsync(DriverOptions options)
    {
        var root = FindRoot();
        var webDll = Path.Combine(root, "src", "Platform", "Platform.Web", "bin", options.Configuration, "net10.0", "Platform.Web.dll");
        if (!File.Exists(webDll))
        {
            Console.Error.WriteLine($"{webDll} not found: build with -c {options.Configuration} first.");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("platform-load-").FullName;
        var recipe = WriteRecipe(Path.Combine(data, "recipe"), options.Questions);
        var port = FreePort();
        var basePort = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Platform__DataPath"] = data,
            ["Platform__AutoSetup"] = string.Empty,
            ["Platform__Bootstrap__AdminPassword"] = "load-admin-2023",
            ["Platform__RateLimits__RegisterPerMinute"] = "1000000",
            ["Platform__RateLimits__SignInPerMinute"] = "1000000",
            ["Platform__RateLimits__AttemptStartsPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var setup = Run(webDll, ["tenant", "create", Tenant, "--recipe", recipe], environment);
        await setup.WaitForExitAsync();
        if (setup.ExitCode != 0)
        {
            Console.Error.WriteLine($"tenant create failed ({setup.ExitCode}): {await setup.StandardError.ReadToEndAsync()}");
            return 1;
        }

        using var server = Run(webDll, ["--urls", $"http://127.0.0.1:{port}"], environment);
        using var baseline = Run(typeof(Driver).Assembly.Location, ["baseline", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture)], []);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            { Timeout = TimeSpan.FromSeconds(30) };
            var site = $"http://127.0.0.1:{port}/{Tenant}";
            await WaitAsync(http, $"{site}/", "platform");
            await WaitAsync(http, $"http://127.0.0.1:{basePort}/hello", "baseline");

            var report = new StringBuilder();
            report.AppendLine(CultureInfo($"Contestants {options.Contestants}, {options.Questions} questions each, think {options.ThinkSeconds} s, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
            report.AppendLine();
            report.AppendLine(Recorder.Header);

            var register = new Recorder("register (+ sign-in)");
            var cookies = await RegisterAsync(http, site, options, register);
            report.AppendLine(register.Row());

            var start = new Recorder("synchronized start");
            var attempts = await StartAllAsync(http, site, cookies, start);
            report.AppendLine(start.Row());

            var answers = new Recorder("answer saves");
            var submits = new Recorder("submits");
            await AnswerAllAsync(http, site, attempts, options, answers, submits);
            report.AppendLine(answers.Row());
            report.AppendLine(submits.Row());

            var bare = new Recorder("bare Kestrel, same pattern");
            await BaselineAsync(http, $"http://127.0.0.1:{basePort}", attempts.Count, options, bare);
            report.AppendLine(bare.Row());

            Console.WriteLine(report.ToString());
            if (options.Output is not null)
            {
                await File.WriteAllTextAsync(options.Output, report.ToString());
            }

            return register.Errors + start.Errors + answers.Errors + submits.Errors == 0 ? 0 : 1;
        }
        finally
        {
            Kill(server);
            Kill(baseline);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // left in the temp folder
            }
        }
    }

    private static async Task<List<string>> RegisterAsync(HttpClient http, string site, DriverOptions options, Recorder recorder)
    {
        var cookies = new string?[options.Contestants];
        var next = -1;
        recorder.Restart();
        await Task.WhenAll(Enumerable.Range(0, options.SetupConcurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < options.Contestants)
            {
                var body = new
                {
                    fullName = $"Thí sinh {i}", dateOfBirth = "1990-01-01", citizenId = $"0010900{i:00000}", phone = $"09{i:00000000}",
                    groupCode = "N1", unitCode = "U1", password = "matkhau2023", consent = true,
                };
                var watch = Stopwatch.StartNew();
                using var response = await Send(http, HttpMethod.Post, $"{site}/api/v1/account/register", null, body);
                recorder.Record(watch.Elapsed.TotalMilliseconds, response?.IsSuccessStatusCode == true ? null : Status(response));
                if (response?.IsSuccessStatusCode == true && response.Headers.TryGetValues("Set-Cookie", out var values))
                {
                    cookies[i] = values.First(v => v.StartsWith($".platform.auth.{Tenant}=", StringComparison.Ordinal)).Split(';')[0];
                }
            }
        }));
        return cookies.OfType<string>().ToList();
    }

    private sealed record Running(string Cookie, Guid AttemptId, List<(string Question, string[] Options)> Questions);

    private static async Task<List<Running>> StartAllAsync(HttpClient http, string site, List<string> cookies, Recorder recorder)
    {
        var gate = new TaskCompletionSource();
        var tasks = cookies.Select(async cookie =>
        {
            await gate.Task;
            var watch = Stopwatch.StartNew();
            using var response = await Send(http, HttpMethod.Post, $"{site}/api/v1/contests/{Contest}/attempts", cookie, new { });
            recorder.Record(watch.Elapsed.TotalMilliseconds, response?.StatusCode == HttpStatusCode.Created ? null : Status(response));
            if (response?.StatusCode != HttpStatusCode.Created)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var questions = body.GetProperty("questions").EnumerateArray()
                .Select(q => (q.GetProperty("id").GetString()!, q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray()))
                .ToList();
            return new Running(cookie, body.GetProperty("attemptId").GetGuid(), questions);
        }).ToList();
        recorder.Restart();
        gate.SetResult();
        return (await Task.WhenAll(tasks)).OfType<Running>().ToList();
    }

    private static async Task AnswerAllAsync(HttpClient http, string site, List<Running> attempts, DriverOptions options, Recorder answers, Recorder submits)
    {
        var until = DateTime.UtcNow.AddSeconds(options.DurationSeconds);
        answers.Restart();
        submits.Restart();
        await Task.WhenAll(attempts.Select(async (attempt, index) =>
        {
            var random = new Random(index);
            foreach (var (question, choices) in attempt.Questions)
            {
                await Task.Delay(Think(options, random));
                if (DateTime.UtcNow > until)
                {
                    return;
                }

                var watch = Stopwatch.StartNew();
                using var response = await Send(http, HttpMethod.Put, $"{site}/api/v1/attempts/{attempt.AttemptId}/answers/{question}", attempt.Cookie, new { optionId = choices[random.Next(choices.Length)] });
                answers.Record(watch.Elapsed.TotalMilliseconds, response?.StatusCode == HttpStatusCode.NoContent ? null : Status(response));
            }

            var submitWatch = Stopwatch.StartNew();
            using var submitted = await Send(http, HttpMethod.Post, $"{site}/api/v1/attempts/{attempt.AttemptId}/submit", attempt.Cookie, new { prediction = random.Next(1000) });
            submits.Record(submitWatch.Elapsed.TotalMilliseconds, submitted?.IsSuccessStatusCode == true ? null : Status(submitted));
        }));
    }

    private static async Task BaselineAsync(HttpClient http, string baseUrl, int clients, DriverOptions options, Recorder recorder)
    {
        var until = DateTime.UtcNow.AddSeconds(Math.Min(options.DurationSeconds, options.Questions * options.ThinkSeconds * 1.5 + 5));
        recorder.Restart();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async index =>
        {
            var random = new Random(index);
            for (var q = 0; q < options.Questions && DateTime.UtcNow < until; q++)
            {
                await Task.Delay(Think(options, random));
                var watch = Stopwatch.StartNew();
                using var response = await Send(http, HttpMethod.Put, $"{baseUrl}/answer/{index}", null, new { optionId = "x" });
                recorder.Record(watch.Elapsed.TotalMilliseconds, response?.StatusCode == HttpStatusCode.NoContent ? null : Status(response));
            }
        }));
    }

    private static TimeSpan Think(DriverOptions options, Random random) =>
        TimeSpan.FromSeconds(options.ThinkSeconds * (0.5 + random.NextDouble()));

    private static async Task<HttpResponseMessage?> Send(HttpClient http, HttpMethod method, string url, string? cookie, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        try
        {
            return await http.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string Status(HttpResponseMessage? response) => response is null ? "no answer" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string WriteRecipe(string folder, int questions)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "units.csv"), "Code,Name,ParentCode,Block,Headcount\nU1,Đơn vị thử,,Khối thử,100\n");
        var csv = new StringBuilder("Code,Topic,Difficulty,Question,A,B,C,D,E,F,Correct,Source,Explanation\n");
        for (var i = 1; i <= Math.Max(questions * 5, 100); i++)
        {
            csv.Append(CultureInfo($"Q{i:0000},Chủ đề {i % 4},{1 + (i % 3)},Câu hỏi thử số {i}?,Phương án A,Phương án B,Phương án C,Phương án D,,,{"ABCD"[i % 4]},Dữ liệu thử tải,\n"));
        }

        File.WriteAllText(Path.Combine(folder, "questions.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "recipe.json"), CultureInfo($$"""
            { "displayName": "Thử tải", "steps": [
              { "name": "settings", "culture": "vi-VN", "timeZone": "Asia/Ho_Chi_Minh" },
              { "name": "roles" },
              { "name": "units", "file": "units.csv" },
              { "name": "questions", "file": "questions.csv" },
              { "name": "contest", "slug": "{{Contest}}", "title": "Thử tải", "opensAt": "setup-P1D", "closesAt": "setup+P1D",
                "questionsPerAttempt": {{questions}}, "timeLimitSeconds": 14400, "graceSeconds": 30, "attemptsAllowed": 1000,
                "attemptsPer": "contest", "counts": "best", "minimumAge": 15, "groups": [ { "code": "N1", "name": "Nhóm 1" } ],
                "prediction": { "prompt": "Dự đoán?", "predicts": "allCorrectEntries" } } ] }
            """));
        return folder;
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    private static Process Run(string dll, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        return process;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task WaitAsync(HttpClient http, string url, string what)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what} did not answer at {url}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the driver.");
    }
}
