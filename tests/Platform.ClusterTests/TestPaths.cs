using System.Net;
using System.Net.Sockets;

namespace Platform.ClusterTests;

/// <summary>Where the cluster tests write node, Redis and nginx logs, and what they find on the machine (the host they start: <c>PlatformWebBuild</c>).</summary>
internal static class TestPaths
{
    /// <summary>
    /// <c>PLATFORM_TEST_RESULTS/cluster</c> if the variable is set, else a <c>cluster</c> folder under the temp dir: node
    /// logs, the nginx config and logs, and <c>measurements.log</c>.
    /// </summary>
    public static string ResultsRoot { get; } = ResolveResultsRoot();

    /// <summary>A free TCP port on 127.0.0.1 (free now; the caller binds it soon after).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Finds an executable on PATH (or in the sbin folders, where Debian puts nginx), or null.</summary>
    public static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Appends a line to <c>measurements.log</c> (what the tests measured, for the CI log).</summary>
    public static void Measure(string line)
    {
        lock (MeasureLock)
        {
            File.AppendAllText(Path.Combine(ResultsRoot, "measurements.log"), $"{DateTime.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
        }
    }

    private static readonly Lock MeasureLock = new();

    private static string ResolveResultsRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_TEST_RESULTS");
        var root = string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(Path.GetTempPath(), "platform-clustertests")
            : Path.Combine(Path.GetFullPath(fromEnvironment), "cluster");
        Directory.CreateDirectory(root);
        return root;
    }
}
