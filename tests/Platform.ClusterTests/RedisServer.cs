using System.Net.Sockets;
using System.Text;

namespace Platform.ClusterTests;

/// <summary>
/// This suite's own <c>redis-server</c> on a free loopback port, as a child process: killing it disturbs no other
/// suite. Restarting uses the same port (an empty Redis, like a Redis restarted without persistence).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _executable;
    private readonly string _directory;

    public RedisServer()
    {
        _executable = Environment.GetEnvironmentVariable("PLATFORM_TEST_REDIS_SERVER") is { Length: > 0 } configured ? configured
            : TestPaths.FindExecutable("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed (test.sh installs the redis-server package); the cluster tests start their own.");
        Port = TestPaths.FreeLoopbackPort();
        _directory = Directory.CreateTempSubdirectory("platform-cluster-redis-").FullName;
        _process = new ChildProcess("redis", Path.Combine(TestPaths.ResultsRoot, "redis.log"));
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process.IsRunning;

    public async Task StartAsync()
    {
        if (!_process.IsRunning)
        {
            _process.Start(ChildProcess.Describe(_executable, _directory,
                ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _directory]));
        }

        await Poll.UntilAsync($"redis-server on {Configuration} answering PING", TimeSpan.FromSeconds(30), async () =>
        {
            if (!_process.IsRunning)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}.{Environment.NewLine}{_process.Tail()}");
            }

            var answer = await PingAsync();
            return (answer == "+PONG", answer);
        }, TimeSpan.FromMilliseconds(100));
    }

    public Task KillAsync() => _process.KillAsync();

    /// <summary>Sends PING over RESP and returns the first line of the answer.</summary>
    public async Task<string> PingAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
