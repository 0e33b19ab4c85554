namespace Platform.BrowserTests;

/// <summary>Where the browser tests find the host they start and where they write screenshots and logs.</summary>
internal static class TestPaths
{
    /// <summary>The folder that receives screenshots and the server log: <c>PLATFORM_TEST_RESULTS</c> if set, else the test assembly's folder.</summary>
    public static string ResultsRoot { get; } = ResolveResultsRoot();

    /// <summary>The <c>screenshots</c> folder under <see cref="ResultsRoot"/>.</summary>
    public static string Screenshots => Path.Combine(ResultsRoot, "screenshots");

    /// <summary>
    /// <c>src/Platform/Platform.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;/Platform.Web.dll</c>, with the configuration and target
    /// framework of this test assembly (read from <see cref="AppContext.BaseDirectory"/>, e.g. <c>bin/Release/net10.0/</c>).
    /// </summary>
    public static string PlatformWebDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot read the build configuration from the test output folder '{output.FullName}'.");
        return Path.Combine(RepositoryRoot(output), "src", "Platform", "Platform.Web", "bin", configuration, framework, "Platform.Web.dll");
    }

    private static string RepositoryRoot(DirectoryInfo start)
    {
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Platform.sln not found in '{start.FullName}' or any parent folder.");
    }

    private static string ResolveResultsRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_TEST_RESULTS");
        var root = string.IsNullOrWhiteSpace(fromEnvironment) ? AppContext.BaseDirectory : Path.GetFullPath(fromEnvironment);
        Directory.CreateDirectory(root);
        return root;
    }
}
