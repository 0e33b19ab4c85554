using System.Globalization;

namespace Results.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions
{
    public int Entries { get; init; } = 1_000_000;

    /// <summary>Contestants; 0 means a third of the entries.</summary>
    public int Contestants { get; init; }

    public int Seed { get; init; } = 2023;

    public int ComputeRuns { get; init; } = 3;

    public int Requests { get; init; } = 2_000;

    public int WarmUp { get; init; } = 200;

    public int ExportRuns { get; init; } = 3;

    public bool Kestrel { get; init; } = true;

    /// <summary>A PostgreSQL connection string to an empty database; null for SQLite in the data folder.</summary>
    public string? Postgres { get; init; }

    /// <summary>A data folder to use (and keep); a tenant <c>bench</c> already in it is reused without generating.</summary>
    public string? Data { get; init; }

    public string? Output { get; init; }

    public int ContestantCount => Contestants > 0 ? Math.Min(Contestants, Entries) : Math.Max(1, Entries / 3);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--entries" => options with { Entries = Math.Clamp(Int(Value()), 1, 10_000_000) },
                "--contestants" => options with { Contestants = Math.Clamp(Int(Value()), 1, 10_000_000) },
                "--seed" => options with { Seed = Int(Value()) },
                "--compute-runs" => options with { ComputeRuns = Math.Clamp(Int(Value()), 1, 10) },
                "--requests" => options with { Requests = Math.Clamp(Int(Value()), 100, 100_000) },
                "--warm-up" => options with { WarmUp = Math.Clamp(Int(Value()), 0, 10_000) },
                "--export-runs" => options with { ExportRuns = Math.Clamp(Int(Value()), 1, 5) },
                "--no-kestrel" => options with { Kestrel = false },
                "--postgres" => options with { Postgres = Value() },
                "--data" => options with { Data = Path.GetFullPath(Value()) },
                "--output" => options with { Output = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
