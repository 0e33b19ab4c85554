using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>Two nodes behind nginx on one database and one Redis: requests of one contestant spread over nodes.</summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string TenantPath = ClusterFixture.TenantPath;

    [Fact]
    public async Task Attempt_SpreadOverBothNodesAndNginx_KeepsEveryAcknowledgedAnswer()
    {
        await cluster.EnsureUpAsync();
        using var contestant = new Contestant(TenantPath, "multi-node") { RetryFor = TimeSpan.Zero };

        await contestant.RegisterAsync(cluster.A.BaseAddress, cluster.UnitCode); // signed in by node A
        await contestant.StartAttemptAsync(cluster.A.BaseAddress);
        Assert.Equal(10, contestant.Questions.Count);

        // The cookie node A issued works on B (key ring in the database) and through nginx.
        for (var i = 0; i < 5; i++)
        {
            await contestant.AnswerAsync(cluster.B.BaseAddress, i, i);
        }

        for (var i = 5; i < contestant.Questions.Count; i++)
        {
            await contestant.AnswerAsync(cluster.Nginx.BaseAddress, i, i + 1);
        }

        var result = await contestant.SubmitAsync(cluster.A.BaseAddress);
        Assert.Equal(10, result["questionCount"]!.GetValue<int>());

        var seenByB = await contestant.GetAttemptAsync(cluster.B.BaseAddress);
        Assert.Equal("submitted", seenByB["state"]!.GetValue<string>());
        var answersSeenByB = seenByB["answers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(contestant.Acknowledged.OrderBy(p => p.Key), answersSeenByB.OrderBy(p => p.Key));

        await contestant.VerifyStoredAsync(cluster.Database);
        Report($"test 1: 10 answers (5 via B, 5 via nginx) acknowledged and stored; submit via A; B shows 'submitted'");
    }

    [Fact]
    public async Task TenantCreatedByTheCliOnA_IsServedByB_WithinTwoSeconds()
    {
        await cluster.EnsureUpAsync();
        var name = $"cluster-{Guid.NewGuid():N}"[..16];
        var recipe = Directory.CreateTempSubdirectory("platform-cluster-recipe-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(recipe.FullName, "recipe.json"), """
                {
                  "displayName": "Cluster test tenant",
                  "steps": [
                    { "name": "settings", "culture": "vi-VN", "timeZone": "Asia/Ho_Chi_Minh", "theme": "Default" }
                  ]
                }
                """);

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var onB = new Uri(cluster.B.BaseAddress, $"/{name}/");
            using (var before = await http.GetAsync(onB))
            {
                Assert.NotEqual(HttpStatusCode.OK, before.StatusCode);
            }

            var (code, cliOutput) = await cluster.A.RunCliAsync("tenant", "create", name, "--recipe", recipe.FullName, "--prefix", name);
            var created = Stopwatch.StartNew();
            Assert.True(code == 0, $"tenant create exited with {code}:{Environment.NewLine}{cliOutput}");

            var last = HttpStatusCode.NotFound;
            while (created.Elapsed < TimeSpan.FromSeconds(30))
            {
                using var response = await http.GetAsync(onB);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    break;
                }

                await Task.Delay(50);
            }

            var elapsed = created.Elapsed;
            Report($"test 2: tenant '{name}' created by the CLI; node B served /{name}/ {elapsed.TotalMilliseconds:0} ms after the CLI exited (last status {(int)last})");
            Assert.Equal(HttpStatusCode.OK, last);
            Assert.True(elapsed <= TimeSpan.FromSeconds(2), $"node B served the new tenant only after {elapsed.TotalMilliseconds:0} ms (limit 2000 ms).");

            // And node A (the CLI ran against the same database; A learns it the same way) and nginx serve it too.
            await Poll.UntilAsync("node A serving the new tenant", TimeSpan.FromSeconds(10), async () =>
            {
                using var response = await http.GetAsync(new Uri(cluster.A.BaseAddress, $"/{name}/"));
                return (response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}");
            });
        }
        finally
        {
            recipe.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NodeKilledMidAttempt_ContestantContinuesThroughNginx_AndKeepsEveryAnswer()
    {
        await cluster.EnsureUpAsync();
        var nginx = cluster.Nginx.BaseAddress;
        using var contestant = new Contestant(TenantPath, "node-killed");
        try
        {
            await contestant.RegisterAsync(nginx, cluster.UnitCode);
            await contestant.StartAttemptAsync(nginx);
            for (var i = 0; i < 4; i++)
            {
                await contestant.AnswerAsync(nginx, i, i);
            }

            var failuresBefore = contestant.Failures.Count;
            await cluster.A.KillAsync();
            var killed = Stopwatch.StartNew();

            for (var i = 4; i < contestant.Questions.Count; i++)
            {
                await contestant.AnswerAsync(nginx, i, i);
            }

            // Answered twice: the second choice is the one that counts.
            await contestant.AnswerAsync(nginx, 0, 1);
            var result = await contestant.SubmitAsync(nginx);
            var afterKill = killed.Elapsed;
            Assert.Equal(10, result["questionCount"]!.GetValue<int>());

            var seen = await contestant.GetAttemptAsync(nginx);
            Assert.Equal("submitted", seen["state"]!.GetValue<string>());
            await contestant.VerifyStoredAsync(cluster.Database);

            var failures = contestant.Failures.Skip(failuresBefore).ToList();
            Report($"test 3: node A killed after 4 answers; 7 answers and the submit through nginx took {afterKill.TotalMilliseconds:0} ms; "
                + $"{failures.Count} requests failed and were retried{(failures.Count > 0 ? ": " + string.Join(" | ", failures) : string.Empty)}");
            // nginx skips a node that refuses connections (proxy_next_upstream error): the contestant sees nothing.
            Assert.True(failures.Count == 0, $"requests through nginx failed after node A died:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{Environment.NewLine}{cluster.Nginx.LogTail()}");
        }
        finally
        {
            var restart = Stopwatch.StartNew();
            await cluster.A.StartAsync(TenantPath);
            Report($"test 3: node A restarted and served {TenantPath} after {restart.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        TestPaths.Measure(line);
    }
}
