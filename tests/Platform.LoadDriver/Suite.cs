using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.ClusterTests;
using Platform.Testing;

namespace Platform.LoadDriver;

/// <summary>
/// Runs the chosen scenarios on each chosen topology, next to bare Kestrel (a second process of this driver, running
/// for the whole suite), sampling every node's memory, and prints one Markdown report.
/// </summary>
internal static class Suite
{
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var webDll = PlatformWebBuild.Dll();
        if (!File.Exists(webDll))
        {
            Console.Error.WriteLine($"{webDll} not found: build the solution in the driver's configuration first.");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("platform-bench-").FullName;
        var recipe = Recipe.Write(Path.Combine(work, "recipe"), options.Questions, Scenarios.Contest);
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        var failures = 0;
        await using var baseline = new ChildProcess("bare Kestrel", Path.Combine(work, "baseline.log"));
        var barePort = TestPaths.FreeLoopbackPort();
        baseline.Start(ChildProcess.Describe("dotnet", AppContext.BaseDirectory, [typeof(Suite).Assembly.Location, "baseline", barePort.ToString(CultureInfo.InvariantCulture)]));
        var bare = $"http://127.0.0.1:{barePort}";
        using var client = new Client();
        await client.WaitAsync($"{bare}/hello", "bare Kestrel");

        Line(Invariant($"Benchmark suite, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}; {options.Contestants} contestants, {options.Questions} questions, think {options.ThinkSeconds} s, ramp {options.RampSeconds} s, pages {options.Seconds} s × {options.Connections} clients{(options.NodeSettings.Count == 0 ? string.Empty : "; node settings " + string.Join(", ", options.NodeSettings.Select(x => $"{x.Key}={x.Value}")))}."));
        foreach (var name in options.Topologies)
        {
            await using Topology topology = name == "sqlite" ? new SqliteTopology(options.NodeSettings) : new ClusterTopology(options.NodeSettings);
            Line(string.Empty);
            Line($"### {topology.Title}");
            var watch = Stopwatch.StartNew();
            await topology.StartAsync(recipe, barePort);
            Line(Invariant($"Started and set up in {watch.Elapsed.TotalSeconds:0.0} s; contestants go to {topology.Entry}, the baseline is bare Kestrel at {topology.Bare}."));
            Line(string.Empty);
            Line(Recorder.Header);
            (string Name, Func<int?> ProcessId)[] processes =
                [.. topology.Nodes.Select(n => ($"node {n.Name}", (Func<int?>)(() => n.ProcessId))), ("bare Kestrel", () => baseline.ProcessId)];
            await using var memory = new MemorySampler(processes);
            var peaks = new List<(string Scenario, IReadOnlyDictionary<string, double?> Mb)>();
            var site = $"{topology.Entry.GetLeftPart(UriPartial.Authority)}/{Topology.Tenant}";
            var appendix = new List<string>();
            var scenarios = new Scenarios(client, site, topology.Bare, options, Line, appendix.Add, new CpuMeter(processes));
            var rowsBefore = report.Length;
            try
            {
                memory.Reset();
                var accounts = await scenarios.RegisterAsync();
                peaks.Add(("registration", memory.PeaksMb()));
                foreach (var scenario in options.Scenarios)
                {
                    memory.Reset();
                    var sample = topology.Entry.GetLeftPart(UriPartial.Authority) + Topology.SamplePath.TrimEnd('/');
                    await (scenario switch
                    {
                        "pages" => scenarios.PagesAsync(sample),
                        "deadline" => scenarios.DeadlineAsync(accounts),
                        "spike" => scenarios.SpikeAsync(accounts),
                        _ => scenarios.ResultsAsync(topology),
                    });
                    peaks.Add((scenario, memory.PeaksMb()));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                failures++;
                Line($"| **stopped**: {ex.Message.Split('\n')[0]} | | | | | | | | |");
                foreach (var node in topology.Nodes)
                {
                    Console.Error.WriteLine(node.LogTail());
                }
            }

            failures += report.ToString()[rowsBefore..].Split('\n').Count(r => r.StartsWith("| ", StringComparison.Ordinal) && ErrorCell(r) is not ("0" or ""));
            Line(string.Empty);
            Line($"Peak resident memory (VmRSS, sampled every 250 ms), MB | {string.Join(" | ", memory.Names)}");
            Line($"|---|{string.Concat(memory.Names.Select(_ => "---|"))}");
            foreach (var (scenario, mb) in peaks)
            {
                Line($"| {scenario} | {string.Join(" | ", mb.Values.Select(v => v is null ? "-" : v.Value.ToString("0", CultureInfo.InvariantCulture)))} |");
            }

            foreach (var table in appendix)
            {
                Line(string.Empty);
                Line(table.TrimEnd());
            }

            Line(string.Empty);
            Line(Invariant($"Load average at the end: {LoadAverage()}."));
        }

        if (options.Output is not null)
        {
            await File.WriteAllTextAsync(options.Output, report.ToString());
        }

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder
        }

        return failures == 0 ? 0 : 1;
    }

    private static string ErrorCell(string row)
    {
        var cells = row.Split('|');
        return cells.Length >= 10 ? cells[^2].Trim() : string.Empty;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
