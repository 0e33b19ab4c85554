namespace Platform.Testing;

/// <summary>
/// The host that test suites and the load driver start as a process: linked as source into each project that needs it
/// (tests/Shared), so there is one way to find it.
/// </summary>
internal static class PlatformWebBuild
{
    /// <summary>
    /// <c>src/Platform/Platform.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;/Platform.Web.dll</c>, with the configuration and target
    /// framework of the calling assembly (read from <see cref="AppContext.BaseDirectory"/>, e.g. <c>bin/Release/net10.0/</c>).
    /// </summary>
    public static string Dll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot read the build configuration from the output folder '{output.FullName}'.");
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
}
