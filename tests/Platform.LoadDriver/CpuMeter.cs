using System.Globalization;
using System.Text;

namespace Platform.LoadDriver;

/// <summary>
/// CPU time (user + system, from /proc) used over a phase by the named processes, by this driver and by every process
/// of the machine (the database, nginx and Redis too). Unlike latency under load, the CPU a request costs
/// barely moves with what else shares these cores, so it shows a change's effect in one run where a p99 needs many.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<(string Name, Func<int?> ProcessId)> processes)
{
    // USER_HZ: the unit of /proc's CPU times on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>The counters now; a phase's use is the difference of two.</summary>
    public Reading Read()
    {
        var all = AllProcesses();
        return new Reading(
            processes.ToDictionary(p => p.Name, p => p.ProcessId() is { } pid && all.TryGetValue(pid, out var seconds) ? seconds : (double?)null),
            all,
            DateTime.UtcNow);
    }

    /// <summary>
    /// A Markdown table of the CPU used between two readings of each phase, in seconds and in milliseconds per request.
    /// A row per phase: (title, before, after, requests served in it).
    /// </summary>
    public string Table(string title, IEnumerable<(string Phase, Reading Before, Reading After, int Requests)> phases)
    {
        var names = processes.Select(p => p.Name).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{title}\n\n| phase | requests | seconds |");
        foreach (var name in names)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} CPU s |");
        }

        text.Append(" driver CPU s | all processes CPU s (of cores × seconds) | ms of CPU per request: ");
        text.Append(string.Join(", ", names)).Append(", all |\n|---|---|---|");
        text.Append(string.Concat(Enumerable.Repeat("---|", names.Count + 3))).Append('\n');
        foreach (var (phase, before, after, requests) in phases)
        {
            var seconds = (after.At - before.At).TotalSeconds;
            var used = names.Select(n => after.Processes[n] - before.Processes[n]).ToList();
            var machine = after.AllSince(before);
            var perRequest = used.Select(u => u is { } s && requests > 0 ? F(s * 1000 / requests) : "-").Append(requests > 0 ? F(machine * 1000 / requests) : "-");
            text.Append(CultureInfo.InvariantCulture, $"| {phase} | {requests} | {seconds:0} |");
            foreach (var u in used)
            {
                text.Append(' ').Append(u is { } s ? F(s) : "-").Append(" |");
            }

            text.Append(CultureInfo.InvariantCulture, $" {F(after.Driver - before.Driver)} | {F(machine)} (of {Environment.ProcessorCount * seconds:0}) | {string.Join(" / ", perRequest)} |\n");
        }

        return text.ToString();
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    // utime and stime: fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis.
    private static double? ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null; // the process is gone
        }
    }

    // Every process's own counters: precise, where /proc/stat's machine-wide ones are sampled at each clock tick and
    // miss much of a load of short bursts (a quarter of bare Kestrel's evening, measured).
    private static Dictionary<int, double> AllProcesses()
    {
        var all = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ProcessSeconds(pid) is { } seconds)
            {
                all[pid] = seconds;
            }
        }

        return all;
    }

    /// <summary>The counters at one moment, in seconds of CPU.</summary>
    public sealed record Reading(IReadOnlyDictionary<string, double?> Processes, Dictionary<int, double> All, DateTime At)
    {
        /// <summary>This driver's own.</summary>
        public double Driver => All.GetValueOrDefault(Environment.ProcessId);

        /// <summary>
        /// CPU used since <paramref name="before"/> by every process running now (one started since counts whole; one
        /// that ended since is missed: none of the topology's ends during a phase).
        /// </summary>
        public double AllSince(Reading before) =>
            All.Sum(p => before.All.TryGetValue(p.Key, out var then) && then <= p.Value ? p.Value - then : p.Value);
    }
}
