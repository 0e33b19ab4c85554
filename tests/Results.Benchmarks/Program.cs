namespace Results.Benchmarks;

/// <summary>The results benchmark of issue 4: generate entries, compute, serve the top 100, export. See README.md.</summary>
internal static class BenchProgram
{
    // Not top-level statements: those would declare a second Program beside the platform's.
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);

        // WebApplicationFactory finds the platform's content root through MvcTestingAppManifest.json in the current folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return await Bench.RunAsync(options, args);
    }
}
