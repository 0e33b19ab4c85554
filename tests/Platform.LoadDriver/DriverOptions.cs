using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Command-line options of the benchmark suite.</summary>
internal sealed record DriverOptions
{
    public static readonly string[] AllTopologies = ["sqlite", "cluster"];

    public static readonly string[] AllScenarios = ["pages", "deadline", "spike", "results"];

    /// <summary><c>sqlite</c> (one node, embedded SQLite) and/or <c>cluster</c> (PostgreSQL, Redis, two nodes, nginx).</summary>
    public IReadOnlyList<string> Topologies { get; init; } = AllTopologies;

    /// <summary>Scenarios in the order they run (results day needs the entries of the earlier ones).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Registered contestants: all of them join the deadline evening and the start spike.</summary>
    public int Contestants { get; init; } = 5000;

    public int Questions { get; init; } = 20;

    public double ThinkSeconds { get; init; } = 5;

    /// <summary>Deadline evening: the starts rise linearly from none to their peak over this many seconds.</summary>
    public int RampSeconds { get; init; } = 60;

    /// <summary>Public pages and results day: seconds of load per measurement.</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Public pages and results day: concurrent clients (closed loop).</summary>
    public int Connections { get; init; } = 64;

    public int SetupConcurrency { get; init; } = 8;

    /// <summary>Settings given to every node (<c>--node-setting Platform__Admission__ConcurrentStarts=4</c>, repeatable).</summary>
    public IReadOnlyDictionary<string, string> NodeSettings { get; init; } = new Dictionary<string, string>();

    public string? Output { get; init; }

    public static DriverOptions Parse(string[] args)
    {
        var options = new DriverOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option {args[i]} needs a value");
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--topologies" => options with { Topologies = List(value, AllTopologies, "topology") },
                "--scenarios" => options with { Scenarios = List(value, AllScenarios, "scenario") },
                "--contestants" => options with { Contestants = Math.Clamp(Int(value), 1, 20_000) },
                "--questions" => options with { Questions = Math.Clamp(Int(value), 1, 100) },
                "--think" => options with { ThinkSeconds = Math.Clamp(double.Parse(value, CultureInfo.InvariantCulture), 0, 60) },
                "--ramp" => options with { RampSeconds = Math.Clamp(Int(value), 1, 1800) },
                "--seconds" => options with { Seconds = Math.Clamp(Int(value), 1, 600) },
                "--connections" => options with { Connections = Math.Clamp(Int(value), 1, 1000) },
                "--setup-concurrency" => options with { SetupConcurrency = Math.Clamp(Int(value), 1, 64) },
                "--node-setting" => options with { NodeSettings = Setting(options.NodeSettings, value) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static Dictionary<string, string> Setting(IReadOnlyDictionary<string, string> settings, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--node-setting needs KEY=VALUE (as an environment variable, e.g. Platform__Admission__ConcurrentStarts=4), not '{value}'");
        }

        return new Dictionary<string, string>(settings) { [value[..equals]] = value[(equals + 1)..] };
    }

    private static string[] List(string value, string[] allowed, string what)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            if (!allowed.Contains(item))
            {
                throw new ArgumentException($"unknown {what} '{item}' (known: {string.Join(", ", allowed)})");
            }
        }

        // Always in the suite's order, whatever order they were named in.
        return allowed.Where(items.Contains).ToArray();
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
