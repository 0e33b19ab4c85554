using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Command-line options of the driver.</summary>
internal sealed record DriverOptions
{
    public int Contestants { get; init; } = 1000;

    public int Questions { get; init; } = 20;

    public double ThinkSeconds { get; init; } = 5;

    public int DurationSeconds { get; init; } = 180;

    public int SetupConcurrency { get; init; } = 8;

    public string Configuration { get; init; } = "Release";

    public string? Output { get; init; }

    public static DriverOptions Parse(string[] args)
    {
        var options = new DriverOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--contestants" => options with { Contestants = Math.Clamp(Int(value), 1, 20_000) },
                "--questions" => options with { Questions = Math.Clamp(Int(value), 1, 100) },
                "--think" => options with { ThinkSeconds = Math.Clamp(double.Parse(value, CultureInfo.InvariantCulture), 0, 60) },
                "--duration" => options with { DurationSeconds = Math.Clamp(Int(value), 10, 1800) },
                "--setup-concurrency" => options with { SetupConcurrency = Math.Clamp(Int(value), 1, 64) },
                "--configuration" => options with { Configuration = value },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
