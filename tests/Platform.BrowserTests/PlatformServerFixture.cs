using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.BrowserTests;

/// <summary>
/// Starts the real <c>Platform.Web.dll</c> (built in the same configuration as these tests) as a child process on a free
/// loopback port with a fresh data folder, and waits until the sample tenant <c>backan-2023</c> has been set up.
/// </summary>
public sealed class PlatformServerFixture : IAsyncLifetime
{
    /// <summary>The path prefix of the sample tenant set up on first start.</summary>
    public const string TenantPath = "/backan-2023/";

    /// <summary>The sample tenant's display name, from <c>samples/backan-2023/recipe.json</c>.</summary>
    public const string TenantDisplayName = "Cuộc thi trực tuyến “Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn” năm 2023";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _log = new();
    private readonly Lock _logLock = new();
    private Process? _process;
    private StreamWriter? _logFile;
    private DirectoryInfo? _dataDirectory;

    /// <summary>The server's root address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The password of the host admin <c>admin</c>, given to the server as the bootstrap password.</summary>
    public string AdminPassword { get; } = $"browser-{Guid.NewGuid():N}"[..24] + "7";

    /// <summary>The file that receives the server's stdout and stderr.</summary>
    public string LogPath { get; } = Path.Combine(TestPaths.ResultsRoot, "platform-web.log");

    /// <summary>
    /// The password the first start generated for the sample tenant's <c>admin</c>, read from the console the
    /// way an operator reads it.
    /// </summary>
    public string TenantAdminPassword()
    {
        lock (_logLock)
        {
            var match = System.Text.RegularExpressions.Regex.Match(_log.ToString(), @"'admin' \(TenantAdmin\) có mật khẩu: (\S+)");
            return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No tenant admin password in the console.{Environment.NewLine}{LogText()}");
        }
    }

    /// <summary>An absolute address on the server for <paramref name="path"/> (starting with <c>/</c>).</summary>
    public Uri Url(string path) => new(BaseAddress, path);

    public async Task InitializeAsync()
    {
        var dll = PlatformWebBuild.Dll();
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"{dll} does not exist. Build the solution (or src/Platform/Platform.Web) in the same configuration as the browser tests first.");
        }

        _dataDirectory = Directory.CreateTempSubdirectory("platform-browsertests-");
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        _logFile = new StreamWriter(LogPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        _process = StartServer(dll);
        await WaitUntilTenantAnswersAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(ShutdownTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    AppendLog($"[fixture] the server did not exit within {ShutdownTimeout.TotalSeconds:0} s of being killed");
                }
            }

            _process.Dispose();
        }

        lock (_logLock)
        {
            _logFile?.Dispose();
            _logFile = null;
        }

        if (_dataDirectory is { Exists: true })
        {
            try
            {
                _dataDirectory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying child: the folder is under the temp dir, leave it.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process StartServer(string dll)
    {
        // dotnet test exports the host it runs under; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));

        // Only the settings below: nothing inherited from the developer's shell may point the server elsewhere.
        foreach (var key in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Platform__DataPath"] = _dataDirectory!.FullName;
        start.Environment["Platform__Bootstrap__AdminPassword"] = AdminPassword;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        AppendLog($"[fixture] {start.FileName} {string.Join(' ', start.ArgumentList)} (in {start.WorkingDirectory}, data {_dataDirectory.FullName})");
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {dll}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static bool IsInheritedSetting(string key) =>
        key.StartsWith("Platform__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private async Task WaitUntilTenantAnswersAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var url = Url(TenantPath);
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < StartupTimeout)
        {
            if (_process!.HasExited)
            {
                // Let the output readers drain before quoting the log.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"Platform.Web exited with code {_process.ExitCode} before {url} answered 200.{Environment.NewLine}{LogText()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    AppendLog($"[fixture] {url} answered 200 after {watch.Elapsed.TotalSeconds:0.0} s");
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "request timed out";
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"{url} did not answer 200 within {StartupTimeout.TotalSeconds:0} s (last: {last}).{Environment.NewLine}{LogText()}");
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.AppendLine(line);
            _logFile?.WriteLine(line);
        }
    }

    private string LogText()
    {
        const int Limit = 20_000;
        lock (_logLock)
        {
            var text = _log.ToString();
            var shown = text.Length <= Limit ? text : "…" + text[^Limit..];
            return $"Server log ({LogPath}):{Environment.NewLine}{shown}";
        }
    }
}
