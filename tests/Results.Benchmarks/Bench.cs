using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
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
            var phases = new List<(int Run, string Message)>();
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
                foreach (var message in BenchHost.ComputeLog.Take())
                {
                    await log.WriteLineAsync($"  {message}");
                    phases.Add((run, message));
                }
            }

            var median = Median(walls);
            Line(Invariant($"ComputeAsync, {outcome!.Run.AttemptCount:N0} entries → {outcome.Run.EntryCount:N0} ranked (runs 1–{walls.Count}; run 1 has no earlier draft to discard)"),
                string.Join(" · ", walls.Select(Seconds)) + $" (median **{Seconds(median)}**; Elapsed returned by the last: {Seconds(outcome.Elapsed)}; peak heap growth {computePeakHeap / Mb:0} MB)",
                "≤ 10 s", median.TotalSeconds <= 10);
            foreach (var (run, message) in phases)
            {
                Line($"ComputeAsync run {run}, as it logs its phases", message, "", null);
            }

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

            // 4b. Look-ups by name ("Tra cứu"), each a different full name, half typed without diacritics: the first
            // reads the run's names into memory; against the database search the page made before (a substring
            // filter over the run's entries in ranking order), timed directly on the same data.
            await using (var scope = BenchHost.Scope(services, tenant))
            using (var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }))
            {
                var random = new Random(options.Seed);
                var queries = Enumerable.Range(0, options.WarmUp + options.Requests + 1)
                    .Select(i => { var name = EntryGenerator.Name(random); return i % 2 == 0 ? name : Unaccented(name); }).ToArray();
                string Lookup(int i) => $"/{BenchHost.Tenant}/tra-cuu?cuocThi={generated.Slug}&ten={Uri.EscapeDataString(queries[i + options.WarmUp + 1])}";
                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                var cold = await Latency.MeasureAsync(client, _ => $"/{BenchHost.Tenant}/tra-cuu?cuocThi={generated.Slug}&ten={Uri.EscapeDataString(queries[0])}", 0, 1);
                var directoryBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
                var lookups = await Latency.MeasureAsync(client, Lookup, options.WarmUp, options.Requests);
                Line(Invariant($"look-up by name, first (reads the run's {outcome.Run.EntryCount:N0} names into memory), TestServer"), Invariant($"{cold.P50:0} ms; heap +{directoryBytes / Mb:0} MB after it (full collections before and after)") + Failures(cold), "not a goal", null);
                Line(Invariant($"look-ups by name, each a different full name (half without diacritics), {lookups.Count} sequential GETs after {options.WarmUp} warm-up"), lookups.Text + Failures(lookups), "reference: top 100 above", null);

                var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
                var times = new List<double>();
                foreach (var name in queries.Take(20))
                {
                    var watch = Stopwatch.StartNew();
                    await db.RankedEntries.AsNoTracking().Where(e => e.RunId == outcome.Run.Id && e.DisplayName.Contains(name))
                        .OrderBy(e => e.GroupCode).ThenBy(e => e.Rank).Take(50).Select(e => e.Position).ToListAsync();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                Line("baseline: the database search the page made before, 20 of the same names, query alone (no page)", Invariant($"median {times[times.Count / 2]:0.0} · max {times[^1]:0.0} ms"), "reference", null);
            }

            // 5. Export against MiniExcel from memory, alternating after one warm-up of each, in the same run.
            var exports = new List<(TimeSpan Time, MemorySampler Memory)>();
            var baselines = new List<(TimeSpan Time, MemorySampler Memory)>();
            long exportBytes = 0, baselineBytes = 0;
            var loadTime = TimeSpan.Zero;
            var exportFile = Path.Combine(data, "export.xlsx");
            var baselineFile = Path.Combine(data, "baseline.xlsx");
            TimeSpan coldExport, coldBaseline;
            await using (var scope = BenchHost.Scope(services, tenant))
            {
                // Untimed for the ratio: the first export and the first baseline also pay for JIT and query compilation.
                var watch = Stopwatch.StartNew();
                await using (var output = new FileStream(exportFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    await scope.ServiceProvider.GetRequiredService<ResultsExcel>().WriteFullResultsAsync(outcome.Run.Id, output, CancellationToken.None);
                }

                coldExport = watch.Elapsed;
                coldBaseline = (await BaselineAsync(services, tenant, outcome.Run.Id, baselineFile)).Time;
                await log.WriteLineAsync(Invariant($"warm-up: export {coldExport.TotalSeconds:0.00} s, baseline {coldBaseline.TotalSeconds:0.00} s"));
            }

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

                    var time = watch.Elapsed;
                    memory.Stop();
                    exports.Add((time, memory));
                    exportBytes = new FileInfo(exportFile).Length;
                    await log.WriteLineAsync(Invariant($"export {run}: {time.TotalSeconds:0.00} s, {exportBytes / Mb:0.0} MB file, {Memory(memory)}"));
                }

                var baseline = await BaselineAsync(services, tenant, outcome.Run.Id, baselineFile);
                baselines.Add((baseline.Time, baseline.Memory));
                (loadTime, baselineBytes) = (baseline.Load, new FileInfo(baselineFile).Length);
                await log.WriteLineAsync(Invariant($"baseline {run}: {baseline.Time.TotalSeconds:0.00} s for {baseline.Rows:N0} rows from memory (read in {loadTime.TotalSeconds:0.00} s), {baselineBytes / Mb:0.0} MB file, {Memory(baseline.Memory)}"));
            }

            var exportMedian = Median(exports.Select(e => e.Time).ToList());
            var baselineMedian = Median(baselines.Select(e => e.Time).ToList());
            var ratio = exportMedian / baselineMedian;
            var exportHeap = exports.Max(e => e.Memory.HeapGrowth);
            var exportRss = exports.Max(e => e.Memory.RssGrowth);
            Line(Invariant($"ResultsExcel.WriteFullResultsAsync, {outcome.Run.EntryCount:N0} rows ({exportBytes / Mb:0.0} MB file)"),
                string.Join(" · ", exports.Select(e => Seconds(e.Time))) + $" (median {Seconds(exportMedian)}; allocated {exports.Max(e => e.Memory.Allocated) / Mb:0} MB)", "", null);
            Line(Invariant($"baseline: MiniExcel SaveAs of the same rows from a List ({baselineBytes / Mb:0.0} MB file; reading them into the list took {Seconds(loadTime)}, not counted)"),
                string.Join(" · ", baselines.Select(e => Seconds(e.Time))) + $" (median {Seconds(baselineMedian)}; allocated {baselines.Max(e => e.Memory.Allocated) / Mb:0} MB, peak heap growth {baselines.Max(e => e.Memory.HeapGrowth) / Mb:0} MB besides the list)", "", null);
            Line("first export and first baseline of the process (warm-up, not in the ratio)", $"{Seconds(coldExport)} · {Seconds(coldBaseline)}", "", null);
            Line("export time / baseline time (medians)", Invariant($"**{ratio:0.00}×**"), "≤ 1.5×", ratio <= 1.5);
            Line("export: peak managed heap growth (GC.GetTotalMemory(false) every 20 ms: live data and garbage not yet collected)", Invariant($"{exportHeap / Mb:0} MB"), "≤ 200 MB", exportHeap <= 200 * Mb);
            Line("export: largest heap left after a collection during the export, sampled every 20 ms (live data plus garbage promoted to gen1/gen2 awaiting a full collection), against the heap at its start",
                Invariant($"{exports.Max(e => e.Memory.PeakAfterCollection) / Mb:0} MB vs {exports.Max(e => e.Memory.StartHeap) / Mb:0} MB (collections gen0/1/2: {exports[^1].Memory.Collections})"), "", null);
            Line("export: peak RSS growth over the RSS at its start (absolute peak RSS of the whole process)",
                Invariant($"{exportRss / Mb:0} MB ({exports.Max(e => e.Memory.PeakRss) / Mb:0} MB)"), "≤ 200 MB", exportRss <= 200 * Mb);

            // Where ComputeAsync's first phases go, through the same public contract it reads with (after the runs, so they stay cold-free for it).
            await using (var scope = BenchHost.Scope(services, tenant))
            {
                var contests = scope.ServiceProvider.GetRequiredService<IContestData>();
                var contest = (await contests.FindContestAsync(generated.Slug, CancellationToken.None))!;
                var watch = Stopwatch.StartNew();
                var read = 0;
                await foreach (var entry in contests.ReadEntriesAsync(contest.Id, 0, CancellationToken.None))
                {
                    read++;
                }

                var entriesTime = watch.Elapsed;
                watch.Restart();
                var people = 0;
                await foreach (var person in contests.ReadContestantsAsync(CancellationToken.None))
                {
                    people++;
                }

                Line(Invariant($"profile: IContestData.ReadEntriesAsync ({read:N0} rows) · ReadContestantsAsync ({people:N0} rows), each alone, as ComputeAsync reads them"),
                    $"{Seconds(entriesTime)} · {Seconds(watch.Elapsed)}", "part of compute", null);
            }

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

    // A method of its own: the list must not outlive it (a local of RunAsync would stay referenced by its state machine).
    private static async Task<(TimeSpan Time, MemorySampler Memory, TimeSpan Load, int Rows)> BaselineAsync(IServiceProvider services, TenantInfo tenant, long runId, string file)
    {
        await using var scope = BenchHost.Scope(services, tenant);
        var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
        var load = Stopwatch.StartNew();
        var rows = await ExportBaseline.LoadAsync(db, runId, tenant.Zone());
        var loaded = load.Elapsed;
        using var memory = MemorySampler.Start();
        var time = ExportBaseline.Write(rows, file);
        memory.Stop();
        return (time, memory, loaded, rows.Count);
    }

    private static string Unaccented(string text) =>
        new string([.. text.Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => c switch { 'đ' => 'd', 'Đ' => 'D', _ => c })]);

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

    private static string Memory(MemorySampler m) =>
        Invariant($"heap {m.StartHeap / Mb:0} MB +{m.HeapGrowth / Mb:0} MB (after collections ≤ {m.PeakAfterCollection / Mb:0} MB), RSS {m.StartRss / Mb:0} → {m.PeakRss / Mb:0} MB, allocated {m.Allocated / Mb:0} MB, GCs {m.Collections}");

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
