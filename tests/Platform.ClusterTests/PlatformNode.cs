using System.Diagnostics;
using System.Net;
using Platform.Testing;

namespace Platform.ClusterTests;

/// <summary>
/// One app node: the real <c>Platform.Web.dll</c> (built in the same configuration as these tests) started as a child
/// process on its own loopback port and data folder, with only the <c>Platform__*</c> settings given here.
/// Restarting reuses the port and data folder.
/// </summary>
internal sealed class PlatformNode : IAsyncDisposable
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ChildProcess _process;

    public PlatformNode(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = TestPaths.FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        DataPath = Directory.CreateTempSubdirectory($"platform-cluster-{name}-").FullName;
        _settings = settings;
        _process = new ChildProcess($"node {name}", Path.Combine(TestPaths.ResultsRoot, $"node-{name}.log"));
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    public string DataPath { get; }

    public bool IsRunning => _process.IsRunning;

    /// <summary>The node's process id while it runs (for memory sampling), or null.</summary>
    public int? ProcessId => _process.ProcessId;

    public string LogTail() => _process.Tail();

    public string LogText() => _process.Text();

    /// <summary>Starts the node (if it is not running) and waits until <paramref name="tenantPath"/> answers 200.</summary>
    public async Task StartAsync(string tenantPath)
    {
        if (!_process.IsRunning)
        {
            _process.Start(Describe("--urls", BaseAddress.GetLeftPart(UriPartial.Authority)));
        }

        await WaitUntilAnswersAsync(tenantPath);
    }

    /// <summary>Kills the node's process tree, the way a crash or an OOM kill would end it.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>
    /// Runs a CLI verb of the same dll with the same settings (the same database), as an operator on this node would;
    /// returns the exit code and the output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(params string[] arguments)
    {
        var log = Path.Combine(TestPaths.ResultsRoot, $"cli-{Name}.log");
        await using var cli = new ChildProcess($"cli on {Name}", log);
        cli.Start(Describe(arguments));
        var code = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (code, cli.Text());
    }

    public async Task WaitUntilAnswersAsync(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri(BaseAddress, path);
        await Poll.UntilAsync($"node {Name}: {url} answering 200", StartupTimeout, async () =>
        {
            if (!_process.IsRunning)
            {
                throw new InvalidOperationException($"node {Name} exited with code {_process.ExitCode}.{Environment.NewLine}{_process.Tail()}");
            }

            using var response = await http.GetAsync(url);
            return (response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}");
        }, TimeSpan.FromMilliseconds(250), () => _process.Tail());
    }

    /// <summary>The body of <c>/health/ready</c> (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>) or the error.</summary>
    public async Task<string> ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
            return (await response.Content.ReadAsStringAsync()).Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private ProcessStartInfo Describe(params string[] arguments)
    {
        var dll = PlatformWebBuild.Dll();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = ChildProcess.Describe(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet, Path.GetDirectoryName(dll)!, [dll, .. arguments]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Platform__DataPath"] = DataPath;
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: it is under the temp dir, leave it.
        }
    }
}
