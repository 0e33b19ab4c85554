using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Results.Data;
using Results.Exports;
using Results.Ranking;

namespace Results.Benchmarks;

/// <summary>Runs the phases in order and prints one Markdown table with the goal of each line.</summary>
internal static class Bench
{
    private const string Actor = "bench";
    private const double Mb = 1024 * 1024;

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        var log = Console.Error;
        var data = options.Data ?? Directory.CreateTempSubdirectory("results-bench-").FullName;
        Directory.CreateDirectory(data);
        var table = new List<string>();
        void Line(string measure, string result, string goal, bool? met) =>
            table.Add($"| {measure} | {result} | {goal} | {(met is null ? "" : met.Value ? "yes" : "**no**")} |");

        var database = options.Postgres is null ? "SQLite (WAL)" : "PostgreSQL";
        var header = Invariant($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription.Trim()} · .NET {Environment.Version} · {database} · server GC {System.Runtime.GCSettings.IsServerGC} · load average at start {LoadAverage()}");
        await log.WriteLineAsync(header);
        try
        {
            await using var factory = BenchHost.Create(data, options, kestrel: false);
            var services = factory.Services;

            // 1-2. Tenant, contest, units, contestants, entries.
            var tenant = BenchHost.Existing(services);
            Generated generated;
            if (tenant is null)
            {
                tenant = await BenchHost.CreateTenantAsync(services, data);
                await log.WriteLineAsync($"tenant {tenant.Name} created; generating {options.Entries:N0} entries for {options.ContestantCount:N0} contestants (seed {options.Seed})");
                generated = await EntryGenerator.GenerateAsync(services, tenant, options, log);
                Line(Invariant($"generate {generated.Entries:N0} entries for {generated.Contestants:N0} contestants (raw prepared INSERTs, one transaction)"), Seconds(generated.Elapsed), "not a goal", null);
            }
            else
            {
                generated = await CountAsync(services, tenant);
                Line(Invariant($"reused {generated.Entries:N0} entries for {generated.Contestants:N0} contestants in {data}"), "-", "not a goal", null);
            }

            await log.WriteLineAsync(Invariant($"{generated.Entries:N0} entries, {generated.PerfectEntries:N0} all correct ({generated.Elapsed.TotalSeconds:0.0} s)"));

            // 3. Compute, three times; approve and publish the last.
            var walls = new List<TimeSpan>();
            ComputeOutcome? outcome = null;
            long computePeakHeap = 0;
            for (var run = 1; run <= options.ComputeRuns; run++)
            {
                using var memory = MemorySampler.Start();
                await using var scope = BenchHost.Scope(services, tenant);
                var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
                var watch = Stopwatch.StartNew();
                outcome = await results.ComputeAsync(generated.Slug, 0, Actor, CancellationToken.None);
                walls.Add(watch.Elapsed);
                memory.Stop();
                computePeakHeap = Math.Max(computePeakHeap, memory.HeapGrowth);
                await log.WriteLineAsync(Invariant($"compute {run}: {watch.Elapsed.TotalSeconds:0.00} s (Elapsed {outcome.Elapsed.TotalSeconds:0.00} s), run #{outcome.Run.Id}, {outcome.Run.EntryCount:N0} ranked, {outcome.Run.PrizeCount} prizes, heap +{memory.HeapGrowth / Mb:0} MB"));
            }

            var median = Median(walls);
            Line(Invariant($"ComputeAsync, {outcome!.Run.AttemptCount:N0} entries → {outcome.Run.EntryCount:N0} ranked (runs 1–{walls.Count}; run 1 has no earlier draft to discard)"),
                string.Join(" · ", walls.Select(Seconds)) + $" (median **{Seconds(median)}**; Elapsed returned by the last: {Seconds(outcome.Elapsed)}; peak heap growth {computePeakHeap / Mb:0} MB)",
                "≤ 10 s", median.TotalSeconds <= 10);

            var publishWatch = Stopwatch.StartNew();
            await using (var scope = BenchHost.Scope(services, tenant))
            {
                var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
                await results.ApproveAsync(outcome.Run.Id, Actor, CancellationToken.None);
                await results.PublishAsync(outcome.Run.Id, Actor, CancellationToken.None);
            }

            Line("ApproveAsync + PublishAsync of the last run", Seconds(publishWatch.Elapsed), "not a goal", null);

            // 4. Top 100 of the published ranking, in-process (TestServer), against a trivial endpoint of the same app.
            var top = $"/{BenchHost.Tenant}/api/v1/contests/{generated.Slug}/results?group=N1";
            using (var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }))
            {
                await CheckTopAsync(client, top);
                var health = await Latency.MeasureAsync(client, "/health/live", options.WarmUp, options.Requests);
                var plain = await Latency.MeasureAsync(client, top, options.WarmUp, options.Requests);
                var brotli = await Latency.MeasureAsync(client, top, options.WarmUp, options.Requests, "br, gzip");
                Line(Invariant($"top 100 of N1 (published), TestServer in-process, {plain.Count} sequential GETs after {options.WarmUp} warm-up, {plain.Bytes:N0} B JSON"), plain.Text + Failures(plain), "p99 ≤ 10 ms", plain.P99 <= 10 && plain.Failures == 0);
                Line(Invariant($"the same with Accept-Encoding: br, gzip ({brotli.Bytes:N0} B)"), brotli.Text + Failures(brotli), "p99 ≤ 10 ms", brotli.P99 <= 10 && brotli.Failures == 0);
                Line("baseline: GET /health/live of the same app, same client", health.Text + Failures(health), "reference", null);
            }

            // 5. Export against MiniExcel from memory, alternating, in the same run.
            var exportTimes = new List<TimeSpan>();
            var baselineTimes = new List<TimeSpan>();
            long exportHeap = 0, exportRss = 0, exportRssAbsolute = 0, baselineHeap = 0, exportBytes = 0, baselineBytes = 0;
            var loadTime = TimeSpan.Zero;
            var exportFile = Path.Combine(data, "export.xlsx");
            var baselineFile = Path.Combine(data, "baseline.xlsx");
            for (var run = 1; run <= options.ExportRuns; run++)
            {
                await using (var scope = BenchHost.Scope(services, tenant))
                {
                    var excel = scope.ServiceProvider.GetRequiredService<ResultsExcel>();
                    using var memory = MemorySampler.Start();
                    var watch = Stopwatch.StartNew();
                    await using (var output = new FileStream(exportFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                    {
                        await excel.WriteFullResultsAsync(outcome.Run.Id, output, CancellationToken.None);
                    }

                    exportTimes.Add(watch.Elapsed);
                    memory.Stop();
                    (exportHeap, exportRss, exportRssAbsolute) = (Math.Max(exportHeap, memory.HeapGrowth), Math.Max(exportRss, memory.RssGrowth), Math.Max(exportRssAbsolute, memory.PeakRss));
                    exportBytes = new FileInfo(exportFile).Length;
                    await log.WriteLineAsync(Invariant($"export {run}: {watch.Elapsed.TotalSeconds:0.00} s, {exportBytes / Mb:0.0} MB, heap +{memory.HeapGrowth / Mb:0} MB, RSS {memory.StartRss / Mb:0} → {memory.PeakRss / Mb:0} MB"));
                }

                await using (var scope = BenchHost.Scope(services, tenant))
                {
                    var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
                    var load = Stopwatch.StartNew();
                    var rows = await ExportBaseline.LoadAsync(db, outcome.Run.Id, tenant.Zone());
                    loadTime = load.Elapsed;
                    using var memory = MemorySampler.Start();
                    var time = ExportBaseline.Write(rows, baselineFile);
                    baselineTimes.Add(time);
                    memory.Stop();
                    baselineHeap = Math.Max(baselineHeap, memory.HeapGrowth);
                    baselineBytes = new FileInfo(baselineFile).Length;
                    await log.WriteLineAsync(Invariant($"baseline {run}: {time.TotalSeconds:0.00} s for {rows.Count:N0} rows from memory (loaded in {loadTime.TotalSeconds:0.00} s), {baselineBytes / Mb:0.0} MB, heap +{memory.HeapGrowth / Mb:0} MB"));
                }
            }

            var ratio = Median(exportTimes) / Median(baselineTimes);
            Line(Invariant($"ResultsExcel.WriteFullResultsAsync, {outcome.Run.EntryCount:N0} rows ({exportBytes / Mb:0.0} MB file)"), string.Join(" · ", exportTimes.Select(Seconds)) + $" (median {Seconds(Median(exportTimes))})", "", null);
            Line(Invariant($"baseline: MiniExcel SaveAs of the same rows from a List ({baselineBytes / Mb:0.0} MB file; loading the list took {Seconds(loadTime)}, not counted)"), string.Join(" · ", baselineTimes.Select(Seconds)) + $" (median {Seconds(Median(baselineTimes))}; heap growth {baselineHeap / Mb:0} MB besides the list)", "", null);
            Line("export time / baseline time (medians)", Invariant($"**{ratio:0.00}×**"), "≤ 1.5×", ratio <= 1.5);
            Line("export: peak managed heap growth (GC.GetTotalMemory(false) every 20 ms)", Invariant($"{exportHeap / Mb:0} MB"), "≤ 200 MB", exportHeap <= 200 * Mb);
            Line("export: peak RSS growth over the RSS at its start (absolute peak RSS of the whole process)", Invariant($"{exportRss / Mb:0} MB ({exportRssAbsolute / Mb:0} MB)"), "≤ 200 MB", exportRss <= 200 * Mb);

            // 4 again, through real Kestrel on loopback: a second node of the same app on the same database.
            if (options.Kestrel)
            {
                await using var node = BenchHost.Create(data, options, kestrel: true);
                var address = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
                await CheckTopAsync(client, top);
                var health = await Latency.MeasureAsync(client, "/health/live", options.WarmUp, options.Requests);
                var plain = await Latency.MeasureAsync(client, top, options.WarmUp, options.Requests);
                Line(Invariant($"top 100 of N1, Kestrel on loopback ({client.BaseAddress}), HttpClient (SocketsHttpHandler) in the same process"), plain.Text + Failures(plain), "p99 ≤ 10 ms", plain.P99 <= 10 && plain.Failures == 0);
                Line("baseline: GET /health/live through the same Kestrel", health.Text + Failures(health), "reference", null);
            }

            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"`dotnet tests/Results.Benchmarks/bin/Release/net10.0/Results.Benchmarks.dll {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}`")
                .AppendLine()
                .AppendLine(header + Invariant($" · load average at end {LoadAverage()}"))
                .AppendLine()
                .AppendLine("| measure | result | goal | met |")
                .AppendLine("|---|---|---|---|");
            foreach (var line in table)
            {
                report.AppendLine(line);
            }

            Console.WriteLine(report.ToString());
            if (options.Output is not null)
            {
                await File.WriteAllTextAsync(options.Output, report.ToString());
            }

            return 0;
        }
        finally
        {
            if (options.Data is null)
            {
                TryDelete(data);
            }
        }
    }

    private static async Task<Generated> CountAsync(IServiceProvider services, TenantInfo tenant)
    {
        await using var scope = BenchHost.Scope(services, tenant);
        var contests = scope.ServiceProvider.GetRequiredService<IContestData>();
        var contest = await contests.FindContestAsync(EntryGenerator.Slug, CancellationToken.None) ?? throw new InvalidOperationException($"No contest {EntryGenerator.Slug} in {tenant.Name}.");
        int entries = 0, perfect = 0;
        var people = new HashSet<long>();
        await foreach (var e in contests.ReadEntriesAsync(contest.Id, 0, CancellationToken.None))
        {
            entries++;
            perfect += e.QuestionCount > 0 && e.CorrectCount == e.QuestionCount ? 1 : 0;
            people.Add(e.ContestantId);
        }

        return new Generated(contest.Slug, people.Count, entries, perfect, TimeSpan.Zero);
    }

    private static async Task CheckTopAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        var lines = JsonDocument.Parse(body).RootElement.GetArrayLength();
        if (lines != PublishedResults.PageSize)
        {
            throw new InvalidOperationException($"GET {path} gave {lines} lines, not {PublishedResults.PageSize}.");
        }
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Seconds(TimeSpan value) => Invariant($"{value.TotalSeconds:0.00} s");

    private static string Failures(Latency latency) => latency.Failures == 0 ? string.Empty : Invariant($" ({latency.Failures} failed)");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
