using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.LoadDriver;

/// <summary>A registered contestant: the index in the generated data and the auth cookie.</summary>
internal sealed record Account(int Index, string Cookie);

/// <summary>A started attempt as the contestant's page holds it.</summary>
internal sealed record Running(Account Account, Guid AttemptId, List<(string Question, string[] Options)> Questions);

/// <summary>
/// The named scenarios. Each measures the platform at <c>site</c> and, with the same clients, pattern and bodies, bare
/// Kestrel at <c>bare</c>; each adds its rows to the report, and tables of its own to print after it (<c>appendix</c>).
/// </summary>
internal sealed class Scenarios(Client client, string site, string bare, DriverOptions options, Action<string> row, Action<string> appendix, CpuMeter cpu)
{
    public const string Contest = "bench-contest";

    private string Api => $"{site}/api/v1";

    /// <summary>Registers every contestant (each registration signs in); setup, timed but not a scenario.</summary>
    public async Task<List<Account>> RegisterAsync()
    {
        var recorder = new Recorder("registration (+ sign-in), setup");
        var accounts = new Account?[options.Contestants];
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
                using var response = await client.SendAsync(HttpMethod.Post, $"{Api}/account/register", null, body, recorder, HttpStatusCode.Created, HttpStatusCode.OK);
                if (response?.IsSuccessStatusCode == true && response.Headers.TryGetValues("Set-Cookie", out var values))
                {
                    accounts[i] = new Account(i, values.First(v => v.StartsWith($".platform.auth.{Topology.Tenant}=", StringComparison.Ordinal)).Split(';')[0]);
                }
            }
        }));
        row(recorder.Row());
        return accounts.OfType<Account>().ToList();
    }

    /// <summary>Public pages: anonymous visitors reading the home page, the rules and the news list of the Bắc Kạn site.</summary>
    public async Task PagesAsync(string sampleSite)
    {
        var pages = new[] { ("home", $"{sampleSite}/"), ("Thể lệ", $"{sampleSite}/the-le"), ("news", $"{sampleSite}/tin-tuc") }
            .Select(p => (Recorder: new Recorder($"pages: {p.Item1}"), Url: p.Item2)).ToArray();
        var warmUp = new Recorder("warm-up");
        await client.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(3), random => (warmUp, pages[random.Next(pages.Length)].Url));
        foreach (var page in pages)
        {
            page.Recorder.Restart();
        }

        await client.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(options.Seconds), random => pages[random.Next(pages.Length)]);
        foreach (var page in pages)
        {
            row(page.Recorder.Row());
        }

        await BareBodiesAsync(pages.Select(p => p.Recorder));
    }

    /// <summary>
    /// Deadline evening: every contestant starts once, the starts rising linearly from none to their peak over the
    /// ramp, then answers each question after a think time and submits; the answering of those already in grows as
    /// more arrive. Then the same schedule of requests against bare Kestrel.
    /// </summary>
    public async Task DeadlineAsync(List<Account> accounts)
    {
        var starts = new Recorder("deadline: starts (rising)");
        var answers = new Recorder("deadline: answer saves");
        var submits = new Recorder("deadline: submits");
        var queued = 0;
        var clock = Stopwatch.StartNew();
        foreach (var recorder in new[] { starts, answers, submits })
        {
            recorder.Restart();
        }

        var platformBefore = cpu.Read();
        await Task.WhenAll(accounts.Select(async (account, i) =>
        {
            await Task.Delay(ArrivalDelay(i, accounts.Count, clock));
            var (attempt, retries) = await StartAsync(account, starts);
            Interlocked.Add(ref queued, retries);
            if (attempt is not null)
            {
                await AnswerAndSubmitAsync(attempt, new Random(i), answers, submits);
            }
        }));
        var platformAfter = cpu.Read();
        row(starts.Row());
        row(answers.Row());
        row(submits.Row());
        row($"| deadline: starts answered 503 queued and retried | {queued} | | | | | | | |");
        appendix(DeadlineTimeline(starts, answers));

        var kestrel = new Recorder("bare Kestrel, same schedule and bodies");
        clock.Restart();
        kestrel.Restart();
        var bareBefore = cpu.Read();
        await Task.WhenAll(accounts.Select(async (account, i) =>
        {
            await Task.Delay(ArrivalDelay(i, accounts.Count, clock));
            using var _ = await client.SendAsync(HttpMethod.Post, $"{bare}/answer/{i}", account.Cookie, new { }, kestrel, HttpStatusCode.NoContent);
            var random = new Random(i);
            for (var q = 0; q < options.Questions; q++)
            {
                await Task.Delay(Think(random));
                random.Next(4); // the contestant's choice of option: keeps the think times the same as the platform's run
                using var answered = await client.SendAsync(HttpMethod.Put, $"{bare}/answer/{i}", account.Cookie, new { optionId = "o-00000000000000000000" }, kestrel, HttpStatusCode.NoContent);
            }

            using var submitted = await client.SendAsync(HttpMethod.Post, $"{bare}/answer/{i}", account.Cookie, new { prediction = random.Next(1000) }, kestrel, HttpStatusCode.NoContent);
        }));
        var bareAfter = cpu.Read();
        row(kestrel.Row());
        appendix(cpu.Table(
            "CPU used during the evening (user + system, from /proc; requests: every start, 503 included, save and submit sent):",
            [
                ("the platform's evening", platformBefore, platformAfter, starts.Count + answers.Count + submits.Count),
                ("bare Kestrel's, same schedule", bareBefore, bareAfter, kestrel.Count),
            ]));
    }

    /// <summary>
    /// The deadline evening by the 10 s in which each request was sent: where in the evening the slow saves were
    /// (while the starts still rise, or with answering alone).
    /// </summary>
    private static string DeadlineTimeline(Recorder starts, Recorder answers)
    {
        const double window = 10;
        var windows = (int)Math.Ceiling(Math.Max(answers.LastCompletedAt, starts.LastCompletedAt) / window) + 1;
        var startRows = starts.Timeline(window, windows);
        var saveRows = answers.Timeline(window, windows);
        var text = new StringBuilder(
            "Deadline evening by the 10 s in which each request was sent:\n\n| sent in second | starts | starts p99 ms | saves | saves p50 ms | saves p99 ms | saves max ms |\n|---|---|---|---|---|---|---|\n");
        for (var w = 0; w < windows; w++)
        {
            if (startRows[w].Count + saveRows[w].Count == 0)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"| {w * window:0}–{(w + 1) * window:0} | {startRows[w].Count} | {Recorder.F(startRows[w].P99)} | {saveRows[w].Count} | {Recorder.F(saveRows[w].P50)} | {Recorder.F(saveRows[w].P99)} | {Recorder.F(saveRows[w].Max)} |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Synchronized start: every contestant presses "Vào thi" within the same second; a start answered 503 queued is
    /// retried after Retry-After plus up to 2 s, as the contest page does. Then each submits within 20 s.
    /// </summary>
    public async Task SpikeAsync(List<Account> accounts)
    {
        var answered = new Recorder("spike: every answer to a start (incl. queued)");
        var started = new Recorder("spike: contestants started (latency from pressing to started)");
        var queued = 0;
        var lastStarted = 0.0;
        var startsHalfway = new Halfway(cpu, accounts.Count, () => answered.Count);
        var gate = new TaskCompletionSource();
        var clock = new Stopwatch();
        var tasks = accounts.Select(async (account, i) =>
        {
            await gate.Task;
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * i / accounts.Count));
            var pressed = clock.Elapsed;
            var (attempt, retries) = await StartAsync(account, answered);
            Interlocked.Add(ref queued, retries);
            started.Record((clock.Elapsed - pressed).TotalMilliseconds, attempt is null ? "not started" : null);
            startsHalfway.Passed();
            if (attempt is not null)
            {
                InterlockedMax(ref lastStarted, clock.Elapsed.TotalSeconds);
            }

            return attempt;
        }).ToList();
        answered.Restart();
        started.Restart();
        var platformBefore = cpu.Read();
        clock.Start();
        gate.SetResult();
        var attempts = (await Task.WhenAll(tasks)).OfType<Running>().ToList();
        var platformAfter = cpu.Read();
        row(answered.Row());
        row(started.Row());
        row(Invariant($"| spike: {attempts.Count} of {accounts.Count} started, the last {lastStarted:0.0} s after the first press; {queued} answers were 503 queued (retried) | | | | | | | | |"));

        var kestrel = new Recorder("bare Kestrel, the same spike of POSTs");
        clock.Restart();
        kestrel.Restart();
        var bareBefore = cpu.Read();
        await Task.WhenAll(accounts.Select(async (account, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * i / accounts.Count));
            using var _ = await client.SendAsync(HttpMethod.Post, $"{bare}/answer/{i}", account.Cookie, new { }, kestrel, HttpStatusCode.NoContent);
        }));
        var bareAfter = cpu.Read();
        row(kestrel.Row());

        var submits = new Recorder("spike: submits (spread over 20 s)");
        submits.Restart();
        var submitsBefore = cpu.Read();
        var submitsHalfway = new Halfway(cpu, attempts.Count, () => submits.Count);
        await Task.WhenAll(attempts.Select(async (attempt, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20_000.0 * i / attempts.Count));
            await SubmitAsync(attempt, new Random(i), submits);
            submitsHalfway.Passed();
        }));
        var submitsAfter = cpu.Read();
        row(submits.Row());
        // A start is the costliest request of a contest: its CPU, measured where nothing else runs, is what sizing needs.
        // The second halves are the figures to compare: the first compiles the node's code as it first runs (JIT).
        appendix(cpu.Table(
            "CPU used during the spike (user + system, from /proc; requests: every answer to a start, 503 included, and each submit; the second half once half the contestants are started, or have submitted):",
            [
                ("the platform's starts", platformBefore, platformAfter, answered.Count),
                ("the platform's starts, second half", startsHalfway.Reading ?? platformAfter, platformAfter, answered.Count - startsHalfway.Requests),
                ("bare Kestrel's spike of POSTs", bareBefore, bareAfter, kestrel.Count),
                ("the platform's submits", submitsBefore, submitsAfter, submits.Count),
                ("the platform's submits, second half", submitsHalfway.Reading ?? submitsAfter, submitsAfter, submits.Count - submitsHalfway.Requests),
            ]));
    }

    /// <summary>
    /// Results day: the contest is closed, computed and published with the CLI (timed), then visitors read the
    /// published ranking (JSON API and page) and look up their names, next to bare Kestrel.
    /// </summary>
    public async Task ResultsAsync(Topology topology)
    {
        await topology.CloseContestAsync(Contest);
        foreach (var verb in new[] { "compute", "publish" })
        {
            var watch = Stopwatch.StartNew();
            var (code, output) = await topology.CliAsync("results", verb, Topology.Tenant, Contest);
            if (code != 0)
            {
                throw new InvalidOperationException($"results {verb} failed ({code}): {output}");
            }

            var said = output.Trim().Split('\n').LastOrDefault()?.Trim().Replace('\t', ' ').Replace("|", "/", StringComparison.Ordinal);
            row(Invariant($"| results {verb} (CLI, whole process: {said}) | 1 | | | {watch.Elapsed.TotalMilliseconds:0} | | | | 0 |"));
        }

        foreach (var node in topology.Nodes)
        {
            await client.WaitAsync($"{node.BaseAddress}{Topology.Tenant}/api/v1/contests/{Contest}/results?group=N1", $"published ranking on node {node.Name}");
        }

        var kinds = new[]
        {
            (Recorder: new Recorder("results: ranking JSON (API)"), Url: (Func<Random, string>)(_ => $"{Api}/contests/{Contest}/results?group=N1")),
            (Recorder: new Recorder("results: ranking page"), Url: _ => $"{site}/ket-qua/{Contest}"),
            (Recorder: new Recorder("results: look-up by name (a registered contestant's, at random)"), Url: r => $"{site}/tra-cuu?cuocThi={Contest}&ten={Uri.EscapeDataString($"Thí sinh {r.Next(options.Contestants)}")}"),
        };
        var warmUp = new Recorder("warm-up");
        await client.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(3), r => (warmUp, kinds[r.Next(kinds.Length)].Url(r)));
        foreach (var kind in kinds)
        {
            kind.Recorder.Restart();
        }

        await client.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(options.Seconds), r =>
        {
            var kind = kinds[r.Next(kinds.Length)];
            return (kind.Recorder, kind.Url(r));
        });
        foreach (var kind in kinds)
        {
            row(kind.Recorder.Row());
        }

        await BareBodiesAsync(kinds.Select(k => k.Recorder));
    }

    /// <summary>Bare Kestrel serving a static body of the measured responses' mean size to the same clients for as long.</summary>
    private async Task BareBodiesAsync(IEnumerable<Recorder> measured)
    {
        var size = (int)measured.Average(r => r.MeanBytes);
        var kestrel = new Recorder($"bare Kestrel, same clients, a static body of their mean size ({size:N0} B)");
        await client.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(options.Seconds), _ => (kestrel, $"{bare}/bytes/{size}"));
        row(kestrel.Row());
    }

    /// <summary>
    /// Starts an attempt, retrying 503 queued as the contest page does (wait Retry-After plus up to 2 s); every answer is
    /// recorded, a queued one as a success (the page shows "đang xếp hàng"). Returns the attempt and the retries.
    /// </summary>
    private async Task<(Running? Attempt, int Retries)> StartAsync(Account account, Recorder recorder)
    {
        for (var retries = 0; ; retries++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(HttpMethod.Post, $"{Api}/contests/{Contest}/attempts", account.Cookie, new { }, null);
            var latency = watch.Elapsed.TotalMilliseconds;
            if (response?.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                recorder.Record(latency, null);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                var questions = body.GetProperty("questions").EnumerateArray()
                    .Select(q => (q.GetProperty("id").GetString()!, q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray()))
                    .ToList();
                return (new Running(account, body.GetProperty("attemptId").GetGuid(), questions), retries);
            }

            if (response?.StatusCode == HttpStatusCode.ServiceUnavailable && await Client.ProblemCodeAsync(response) == "queued")
            {
                recorder.Record(latency, null);
                await Task.Delay((response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(3)) + TimeSpan.FromMilliseconds(Random.Shared.Next(2000)));
                continue;
            }

            recorder.Record(latency, Client.Status(response));
            return (null, retries);
        }
    }

    private async Task AnswerAndSubmitAsync(Running attempt, Random random, Recorder answers, Recorder submits)
    {
        foreach (var (question, choices) in attempt.Questions)
        {
            await Task.Delay(Think(random));
            using var _ = await client.SendAsync(HttpMethod.Put, $"{Api}/attempts/{attempt.AttemptId}/answers/{question}", attempt.Account.Cookie,
                new { optionId = choices[random.Next(choices.Length)] }, answers, HttpStatusCode.NoContent);
        }

        await SubmitAsync(attempt, random, submits);
    }

    private async Task SubmitAsync(Running attempt, Random random, Recorder submits)
    {
        using var _ = await client.SendAsync(HttpMethod.Post, $"{Api}/attempts/{attempt.AttemptId}/submit", attempt.Account.Cookie,
            new { prediction = random.Next(1000) }, submits, HttpStatusCode.OK);
    }

    /// <summary>Contestant i of n arrives at ramp·√(i/n): the arrival rate rises linearly to 2n/ramp per second.</summary>
    private TimeSpan ArrivalDelay(int i, int n, Stopwatch clock) =>
        TimeSpan.FromSeconds(Math.Max(0, options.RampSeconds * Math.Sqrt((i + 1.0) / n) - clock.Elapsed.TotalSeconds));

    private TimeSpan Think(Random random) => TimeSpan.FromSeconds(options.ThinkSeconds * (0.5 + random.NextDouble()));

    /// <summary>The CPU counters read once, when half of a phase's <c>total</c> contestants have passed.</summary>
    private sealed class Halfway(CpuMeter cpu, int total, Func<int> requests)
    {
        private int _passed;

        public CpuMeter.Reading? Reading { get; private set; }

        /// <summary>The phase's requests sent by then.</summary>
        public int Requests { get; private set; }

        public void Passed()
        {
            if (Interlocked.Increment(ref _passed) == Math.Max(1, total / 2))
            {
                Requests = requests();
                Reading = cpu.Read();
            }
        }
    }

    private static void InterlockedMax(ref double target, double value)
    {
        double seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
