namespace Platform.BrowserTests;

/// <summary>Where the browser tests write screenshots and logs (the host they start: <c>PlatformWebBuild</c>).</summary>
internal static class TestPaths
{
    /// <summary>The folder that receives screenshots and the server log: <c>PLATFORM_TEST_RESULTS</c> if set, else the test assembly's folder.</summary>
    public static string ResultsRoot { get; } = ResolveResultsRoot();

    /// <summary>The <c>screenshots</c> folder under <see cref="ResultsRoot"/>.</summary>
    public static string Screenshots => Path.Combine(ResultsRoot, "screenshots");

    private static string ResolveResultsRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_TEST_RESULTS");
        var root = string.IsNullOrWhiteSpace(fromEnvironment) ? AppContext.BaseDirectory : Path.GetFullPath(fromEnvironment);
        Directory.CreateDirectory(root);
        return root;
    }
}
