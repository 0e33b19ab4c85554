using System.Diagnostics;
using System.Text;

namespace Platform.ClusterTests;

/// <summary>
/// A child process whose stdout and stderr go to a log file (appended across restarts) and to memory, so that a
/// failure can quote it. Killed with its whole tree.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Lock _lock = new();
    private readonly StreamWriter _file;
    private readonly string _name;
    private Process? _process;

    public ChildProcess(string name, string logPath)
    {
        _name = name;
        LogPath = logPath;
        _file = new StreamWriter(logPath, append: true, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string LogPath { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The operating system's id of the running process, or null.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts the process described by <paramref name="start"/> (output redirection is set here).</summary>
    public void Start(ProcessStartInfo start)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{_name} is already running.");
        }

        _process?.Dispose();
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Append($"[cluster-tests {DateTime.UtcNow:HH:mm:ss.fff}] start {start.FileName} {string.Join(' ', start.ArgumentList)}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} for {_name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Kills the process tree (no-op when not running) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Append($"[cluster-tests {DateTime.UtcNow:HH:mm:ss.fff}] kill {_name} (pid {_process.Id})");
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Append($"[cluster-tests] {_name} did not exit within 20 s of being killed");
        }
    }

    /// <summary>Waits for a normal exit (for CLI runs) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{_name} did not finish within {timeout.TotalSeconds:0} s.{Environment.NewLine}{Tail()}");
        }

        // The parameterless wait also drains the redirected output.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _log.AppendLine(line);
            _file.WriteLine(line);
        }
    }

    public string Text()
    {
        lock (_lock)
        {
            return _log.ToString();
        }
    }

    /// <summary>The end of the captured output, for failure messages.</summary>
    public string Tail(int limit = 8000)
    {
        var text = Text();
        return $"--- {_name} ({LogPath}) ---{Environment.NewLine}" + (text.Length <= limit ? text : "…" + text[^limit..]);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        lock (_lock)
        {
            _file.Dispose();
        }
    }

    /// <summary>A start description with the given arguments and no inherited platform or ASP.NET Core settings.</summary>
    public static ProcessStartInfo Describe(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    private static bool IsInheritedSetting(string key) =>
        key.StartsWith("Platform__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
}
