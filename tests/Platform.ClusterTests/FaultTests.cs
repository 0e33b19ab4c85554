using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>Redis and PostgreSQL going away under load: no acknowledged answer may be lost.</summary>
[Collection(ClusterGroup.Name)]
public sealed class FaultTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string TenantPath = ClusterFixture.TenantPath;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RedisKilledWhileTenContestantsAnswer_NothingIsLost_AndReadinessDegradesAndRecovers()
    {
        await cluster.EnsureUpAsync();
        var nginx = cluster.Nginx.BaseAddress;
        var contestants = await StartContestantsAsync(10, "redis");
        try
        {
            var loop = new AnswerLoop(contestants, nginx);
            var stopped = false;
            try
            {
                await loop.WaitForMoreAsync(30, "before Redis is killed", Generous, cluster.Diagnostics);

                await cluster.Redis.KillAsync();
                var down = Stopwatch.StartNew();
                var degradedAfter = await Poll.UntilAsync("/health/ready 'Degraded' on both nodes while Redis is down", Generous, BothReadyAre("Degraded"), TimeSpan.FromMilliseconds(250), cluster.Diagnostics);
                await loop.WaitForMoreAsync(30, "while Redis is down", Generous, cluster.Diagnostics);
                // Keep Redis away long enough for the client's reconnect back-off to grow (answers keep coming meanwhile).
                await Poll.UntilAsync("Redis down for 10 s", Generous, () => Task.FromResult((down.Elapsed >= TimeSpan.FromSeconds(10), $"{down.Elapsed.TotalSeconds:0.0} s")), TimeSpan.FromMilliseconds(250));
                await loop.WaitForMoreAsync(10, "while Redis is down, after 10 s", Generous, cluster.Diagnostics);
                var downFor = down.Elapsed;

                await cluster.Redis.StartAsync();
                var healthyAfter = await Poll.UntilAsync("/health/ready 'Healthy' on both nodes after Redis returned", Generous, BothReadyAre("Healthy"), TimeSpan.FromMilliseconds(250), cluster.Diagnostics);
                await loop.WaitForMoreAsync(30, "after Redis returned", Generous, cluster.Diagnostics);
                await loop.StopAsync();
                stopped = true;

                Report($"test 4: Redis down {downFor.TotalSeconds:0.0} s; both nodes 'Degraded' {degradedAfter.TotalSeconds:0.0} s after the kill; "
                    + $"'Healthy' {healthyAfter.TotalSeconds:0.0} s after Redis answered again; {loop.Acknowledged} answers acknowledged");
                Assert.True(healthyAfter <= TimeSpan.FromSeconds(15), $"/health/ready became 'Healthy' only {healthyAfter.TotalSeconds:0.0} s after Redis returned (limit 15 s).");
            }
            finally
            {
                if (!stopped)
                {
                    await StopQuietlyAsync(loop);
                }
            }

            await SubmitAndVerifyAsync(contestants, nginx);

            // Redis being away is no reason to fail a request: the site serves from the database and local caches.
            var failures = contestants.SelectMany(c => c.Failures.Select(f => $"{c.Name}: {f}")).ToList();
            Report($"test 4: {failures.Count} failed requests (retried){(failures.Count > 0 ? ": " + string.Join(" | ", failures.Take(20)) : string.Empty)}");
            Assert.True(failures.Count == 0, $"{failures.Count} requests failed while Redis was away:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(50))}");
        }
        finally
        {
            await cluster.Redis.StartAsync();
            Dispose(contestants);
        }
    }

    [Fact]
    public async Task PostgresRestartedWhileFiveContestantsAnswer_NothingIsLost_AndReadinessRecovers()
    {
        var (version, name) = await PostgresClusterAsync();
        await cluster.EnsureUpAsync();
        var nginx = cluster.Nginx.BaseAddress;
        var contestants = await StartContestantsAsync(5, "postgres");
        try
        {
            var loop = new AnswerLoop(contestants, nginx);
            var stopped = false;
            try
            {
                await loop.WaitForMoreAsync(20, "before PostgreSQL restarts", Generous, cluster.Diagnostics);

                var restart = Stopwatch.StartNew();
                var (code, restartOutput) = await RunAsync("pg_ctlcluster", version, name, "restart");
                Assert.True(code == 0, $"pg_ctlcluster {version} {name} restart exited with {code}: {restartOutput}");
                var restartTook = restart.Elapsed;
                var accepting = await Poll.UntilAsync("PostgreSQL accepting connections after the restart", Generous, Database.AcceptsConnectionsAsync, TimeSpan.FromMilliseconds(250));

                await loop.WaitForMoreAsync(25, "after PostgreSQL restarted", Generous, cluster.Diagnostics);
                await loop.StopAsync();
                stopped = true;

                var healthyAfter = await Poll.UntilAsync("/health/ready 'Healthy' on both nodes after the PostgreSQL restart", Generous, BothReadyAre("Healthy"), TimeSpan.FromMilliseconds(250), cluster.Diagnostics);
                var failures = contestants.SelectMany(c => c.Failures.Select(f => $"{c.Name}: {f}")).ToList();
                // Requests that needed the database while it restarted answer 503 "unavailable" (retry), never a bare 500.
                Assert.DoesNotContain(failures, f => f.Contains("HTTP 500", StringComparison.Ordinal));
                Report($"test 5: pg_ctlcluster restart took {restartTook.TotalSeconds:0.0} s, accepting again {accepting.TotalSeconds:0.0} s later; "
                    + $"{loop.Acknowledged} answers acknowledged; {failures.Count} failed requests retried by the client"
                    + $"{(failures.Count > 0 ? ": " + string.Join(" | ", failures.Take(10)) : string.Empty)}; both nodes 'Healthy' {healthyAfter.TotalSeconds:0.0} s after the loops stopped");
            }
            finally
            {
                if (!stopped)
                {
                    await StopQuietlyAsync(loop);
                }
            }

            await SubmitAndVerifyAsync(contestants, nginx);
        }
        finally
        {
            await Poll.UntilAsync("PostgreSQL accepting connections", Generous, Database.AcceptsConnectionsAsync, TimeSpan.FromMilliseconds(500));
            Dispose(contestants);
        }
    }

    private async Task<List<Contestant>> StartContestantsAsync(int count, string name)
    {
        var contestants = new List<Contestant>();
        for (var i = 0; i < count; i++)
        {
            var contestant = new Contestant(TenantPath, $"{name}-{i}");
            contestants.Add(contestant);
            await contestant.RegisterAsync(cluster.Nginx.BaseAddress, cluster.UnitCode);
            await contestant.StartAttemptAsync(cluster.Nginx.BaseAddress);
        }

        return contestants;
    }

    private async Task SubmitAndVerifyAsync(IReadOnlyList<Contestant> contestants, Uri via)
    {
        foreach (var contestant in contestants)
        {
            await contestant.SubmitAsync(via);
        }

        foreach (var contestant in contestants)
        {
            await contestant.VerifyStoredAsync(cluster.Database);
        }

        Assert.All(contestants, c => Assert.True(c.Submitted));
    }

    private Func<Task<(bool, string)>> BothReadyAre(string expected) => async () =>
    {
        var a = await cluster.A.ReadyAsync();
        var b = await cluster.B.ReadyAsync();
        return (a == expected && b == expected, $"A: {a}, B: {b}");
    };

    /// <summary>The PostgreSQL cluster (version, name) that serves PLATFORM_TEST_POSTGRES's port, from <c>pg_lsclusters -h</c>.</summary>
    private static async Task<(string Version, string Name)> PostgresClusterAsync()
    {
        if (TestPaths.FindExecutable("pg_lsclusters") is null || TestPaths.FindExecutable("pg_ctlcluster") is null)
        {
            throw new InvalidOperationException("pg_lsclusters/pg_ctlcluster not found: the PostgreSQL restart test needs Debian's postgresql-common (test.sh installs PostgreSQL).");
        }

        var port = new NpgsqlConnectionStringBuilder(Database.AdminConnectionString).Port.ToString(CultureInfo.InvariantCulture);
        var (code, text) = await RunAsync("pg_lsclusters", "-h");
        Assert.True(code == 0, $"pg_lsclusters -h exited with {code}: {text}");
        var clusters = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 4)
            .ToList();
        var match = clusters.FirstOrDefault(f => f[2] == port)
            ?? throw new InvalidOperationException($"No PostgreSQL cluster on port {port} in pg_lsclusters -h:{Environment.NewLine}{text}");
        return (match[0], match[1]);
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static async Task StopQuietlyAsync(AnswerLoop loop)
    {
        try
        {
            await loop.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // The test is already failing; its own exception says why.
        }
    }

    private static void Dispose(IEnumerable<Contestant> contestants)
    {
        foreach (var contestant in contestants)
        {
            contestant.Dispose();
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        TestPaths.Measure(line);
    }
}
