using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Platform.Core.Audit;
using Platform.Core.Contests;
using Platform.Core.Distributed;
using Platform.Core.Hosting;
using Platform.IntegrationTests.Infrastructure;
using Platform.Web.Cli;
using Results.Data;
using Results.Exports;
using Results.Ranking;

namespace Platform.IntegrationTests.Results;

/// <summary>Rankings, publication, public results, exports and evidence on a real database.</summary>
public abstract class ResultsFlowTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const int Contestants = 3000;

    [Fact]
    public async Task GeneratedContest_RanksExactlyAsTheEngineDoesInMemory_SoBothDatabasesAgree()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, entries) = await ResultsData.GenerateAsync(fixture, tenant, Contestants);

        await using var scope = fixture.Scope(tenant);
        var outcome = await scope.ServiceProvider.GetRequiredService<ResultsService>().ComputeAsync(contest.Slug, 0, "test", CancellationToken.None);

        // The expected ranking is computed from the generated rows without any database, so SQLite and PostgreSQL
        // both having to match it means they match each other, byte for byte.
        var actual = RankingEngine.ComputedActual(PredictionTarget.AllCorrectEntries, entries);
        var policy = new RankingPolicy(contest.Slug, 0, CountedAttempt.Best, TieBreak.Default, actual, ["N1", "N2"], contest.Prizes, [], []);
        var expected = RankingEngine.Rank(entries, policy);
        Assert.Equal(EvidenceFiles.Hash(expected), outcome.Run.ContentHash);
        Assert.Equal(Contestants, outcome.Run.EntryCount);
        Assert.Equal(entries.Count, outcome.Run.AttemptCount);
        Assert.Equal([("N1", 2000, 16), ("N2", 1000, 6)], outcome.Groups.Select(g => (g.Group, g.Entries, g.Winners)));
        Assert.Equal(actual, outcome.Run.ActualPrediction);

        var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
        var stored = await db.RankedEntries.Where(e => e.RunId == outcome.Run.Id).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(expected.Select(r => (r.Group, r.Rank, r.Entry.AttemptId, r.Prize)), stored.Select(e => (e.GroupCode, e.Rank, e.AttemptId, e.Prize)));
        Assert.Equal("Thí Sinh", stored[0].DisplayName[..8]);
        var units = await db.UnitStandings.Where(u => u.RunId == outcome.Run.Id).OrderBy(u => u.Rank).ToListAsync();
        Assert.Equal(["U-A", "U-B"], units.Where(u => u.Prize != null).Select(u => u.UnitCode));
        Assert.Equal(1500, units.Single(u => u.UnitCode == "U-A").Participants); // the district and its two communes
    }

    [Fact]
    public async Task Publication_NothingBefore_FrozenAfter_NoPersonalData_HistoryKept()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 300, seed: 7);
        var client = fixture.CreateClient();
        var api = $"/{tenant.Prefix}/api/v1/contests/{contest.Slug}/results";
        await using var scope = fixture.Scope(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();

        var draft = await results.ComputeAsync(contest.Slug, 0, "thu-ky", CancellationToken.None);
        var whileDraft = await client.GetAsync($"{api}?group=N1");
        var pageWhileDraft = await client.GetAsync($"/{tenant.Prefix}/ket-qua/{contest.Slug}");
        await results.ApproveAsync(draft.Run.Id, "btc", CancellationToken.None);
        var whileApproved = await client.GetAsync($"{api}?group=N1");
        await Assert.ThrowsAsync<ResultsProblemException>(() => results.ApproveAsync(draft.Run.Id, "btc", CancellationToken.None));
        await results.PublishAsync(draft.Run.Id, "btc", CancellationToken.None);

        var published = await client.GetStringAsync($"{api}?group=N1");
        var page = await client.GetStringAsync($"/{tenant.Prefix}/ket-qua/{contest.Slug}?nhom=N1");
        var lines = JsonSerializer.Deserialize<JsonElement>(published);

        Assert.Equal(HttpStatusCode.NotFound, whileDraft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pageWhileDraft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, whileApproved.StatusCode);
        Assert.Equal(100, lines.GetArrayLength());
        Assert.Equal(["displayName", "durationSeconds", "prize", "rank", "score", "unitName"], lines[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Nhất", lines[0].GetProperty("prize").GetString());
        Assert.Contains(draft.Run.ContentHash, page, StringComparison.Ordinal);
        for (var i = 0; i < 300; i++)
        {
            var (citizenId, phone, email) = ResultsData.PersonalData(i);
            foreach (var text in new[] { published, page })
            {
                Assert.DoesNotContain(citizenId, text, StringComparison.Ordinal);
                Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
                Assert.DoesNotContain(email, text, StringComparison.Ordinal);
            }
        }

        // A disqualification re-allocates in a new draft; the published result does not move until it is published.
        var winner = await scope.ServiceProvider.GetRequiredService<ResultsDbContext>().RankedEntries
            .SingleAsync(e => e.RunId == draft.Run.Id && e.GroupCode == "N1" && e.Rank == 1);
        var second = await results.DisqualifyAsync(contest.Slug, winner.ContestantId, "Khai sai thông tin đăng ký", "btc", CancellationToken.None);
        var stillPublished = await client.GetStringAsync($"{api}?group=N1");
        await results.ApproveAsync(second!.Run.Id, "btc", CancellationToken.None);
        await results.PublishAsync(second.Run.Id, "btc", CancellationToken.None);
        var republished = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync($"{api}?group=N1"));
        var runs = await results.RunsAsync(contest.Id, CancellationToken.None);
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync(ResultsService.Subject(contest.Slug), 50, CancellationToken.None);

        Assert.Equal(published, stillPublished);
        Assert.NotEqual(draft.Run.ContentHash, second.Run.ContentHash);
        Assert.Equal(JsonValueKind.Null, republished[0].GetProperty("prize").ValueKind); // ranked, not awarded
        Assert.Equal("Nhất", republished[1].GetProperty("prize").GetString());
        Assert.Equal([ResultStatus.Published, ResultStatus.Superseded], runs.Select(r => r.Status));
        Assert.Contains(draft.Run.ContentHash, await client.GetStringAsync($"/{tenant.Prefix}/ket-qua/{contest.Slug}"), StringComparison.Ordinal); // history
        Assert.Equal(
            ["results.compute", "results.approve", "results.publish", "results.disqualify", "results.compute", "results.approve", "results.publish"],
            audit.Reverse().Select(a => a.Action));
        Assert.Contains(audit, a => a.Action == "results.disqualify" && a.After!.Contains("Khai sai", StringComparison.Ordinal) && a.Actor == "btc");
    }

    [Fact]
    public async Task Compute_WhileTheSameScopeIsBeingComputedElsewhere_IsRefused_AndRunsOnceTheLockIsFree()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 50, seed: 31);
        await using var scope = fixture.Scope(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
        var locks = scope.ServiceProvider.GetRequiredService<IDistributedLock>();

        ResultsProblemException refusal;
        await using (var elsewhere = await locks.TryAcquireAsync(ResultsService.ComputeLockName(tenant.Id, contest.Id, 0), TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            Assert.NotNull(elsewhere);
            refusal = await Assert.ThrowsAsync<ResultsProblemException>(() => results.ComputeAsync(contest.Slug, 0, "t", CancellationToken.None));
        }

        var outcome = await results.ComputeAsync(contest.Slug, 0, "t", CancellationToken.None);

        Assert.Contains("đang được tính", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ResultStatus.Draft, outcome.Run.Status);
        await using var released = await locks.TryAcquireAsync(ResultsService.ComputeLockName(tenant.Id, contest.Id, 0), TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotNull(released);
    }

    [Fact]
    public async Task Recompute_DiscardsTheDraft_AndItsRowsAreDeletedInTheBackground()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 100, seed: 29);
        await using var scope = fixture.Scope(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
        var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();

        var first = await results.ComputeAsync(contest.Slug, 0, "t", CancellationToken.None);
        var second = await results.ComputeAsync(contest.Slug, 0, "t", CancellationToken.None);
        var left = -1;
        for (var i = 0; i < 100 && left != 0; i++)
        {
            await Task.Delay(100);
            left = await db.RankedEntries.CountAsync(e => e.RunId == first.Run.Id);
        }

        Assert.Equal(ResultStatus.Discarded, (await db.Runs.AsNoTracking().SingleAsync(r => r.Id == first.Run.Id)).Status);
        Assert.Equal(0, left);
        Assert.Equal(100, await db.RankedEntries.CountAsync(e => e.RunId == second.Run.Id));
        Assert.Equal(first.Run.ContentHash, second.Run.ContentHash); // same inputs, same ranking
    }

    [Fact]
    public async Task ComputeBeforeClose_IsRefused_AndPracticeIsNeverRanked()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        var open = await quiz.AddContestAsync();
        var practice = await quiz.AddContestAsync(c => { c.IsPractice = true; c.ClosesAt = DateTime.UtcNow.AddDays(-1); });
        await using var scope = fixture.Scope(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();

        var early = await Assert.ThrowsAsync<ResultsProblemException>(() => results.ComputeAsync(open.Slug, 0, "t", CancellationToken.None));
        await Assert.ThrowsAsync<ResultsProblemException>(() => results.ComputeAsync(practice.Slug, 0, "t", CancellationToken.None));
        Assert.Contains("đóng lúc", early.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/api/v1/contests/{practice.Slug}/results")).StatusCode);
    }

    [Fact]
    public async Task EnteredPrediction_OverridesTheComputedValue_AndIsAudited()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 50, seed: 11);
        await using var scope = fixture.Scope(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();

        await results.EnterPredictionAsync(contest.Slug, 0, 1234, "btc", CancellationToken.None);
        var outcome = await results.ComputeAsync(contest.Slug, 0, "btc", CancellationToken.None);
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync(ResultsService.Subject(contest.Slug), 10, CancellationToken.None);

        Assert.Equal(1234, outcome.Run.ActualPrediction);
        Assert.StartsWith("Ban Tổ chức nhập: btc", outcome.Run.ActualPredictionSource, StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Action == "results.prediction" && a.After == "1234");
    }

    [Fact]
    public async Task Exports_OpenAndMatchTheRanking_AndTheIndependentScriptAgrees()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 1200, seed: 5);
        await using var scope = fixture.Scope(tenant);
        var run = (await scope.ServiceProvider.GetRequiredService<ResultsService>().ComputeAsync(contest.Slug, 0, "t", CancellationToken.None)).Run;
        var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
        var ranking = await db.RankedEntries.Where(e => e.RunId == run.Id).OrderBy(e => e.Position).ToListAsync();

        using var full = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ResultsExcel>().WriteFullResultsAsync(run.Id, full, CancellationToken.None);
        full.Position = 0;
        var rows = full.Query(useHeaderRow: false).Skip(1).Select(r => (IDictionary<string, object?>)r).ToList();
        Assert.Equal(ranking.Count, rows.Count);
        Assert.Equal(ranking.Select(e => Convert.ToString(e.Rank, System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => Convert.ToString(r["B"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(ranking.Select(e => e.DisplayName), rows.Select(r => r["C"]?.ToString()));
        Assert.Contains(rows, r => r["D"]?.ToString() == "'=Sở C"); // a unit name that looks like a formula stays text

        var folder = Path.Combine(fixture.DataPath, "evidence-" + run.Id);
        Directory.CreateDirectory(folder);
        await scope.ServiceProvider.GetRequiredService<EvidenceExport>().WriteAsync(run.Id, name => File.Create(Path.Combine(folder, name)), CancellationToken.None);
        var (code, output) = await RecomputeAsync(folder);
        Assert.True(code == 0, output);
        Assert.StartsWith($"OK {run.ContentHash} {ranking.Count} rows", output, StringComparison.Ordinal);

        // The script can fail: a swapped pair of ranks is caught.
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "ranking.csv"));
        (lines[2], lines[3]) = (lines[3], lines[2]);
        await File.WriteAllTextAsync(Path.Combine(folder, "ranking.csv"), string.Join('\n', lines) + "\n");
        Assert.Equal(1, (await RecomputeAsync(folder)).Code);
    }

    [Fact]
    public async Task Cli_ComputesPublishesAndExports()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 200, seed: 3);
        var file = Path.Combine(fixture.DataPath, $"ket-qua-{tenant.Name}.xlsx");

        var compute = await CliAsync("results", "compute", tenant.Name, contest.Slug);
        var publish = await CliAsync("results", "publish", tenant.Name, contest.Slug);
        var export = await CliAsync("results", "export", tenant.Name, contest.Slug, file);
        var unknown = await CliAsync("results", "compute", tenant.Name, "no-such-contest");

        Assert.Equal(0, compute.Code);
        Assert.StartsWith("N1\t133 entries\t16 winners\nN2\t67 entries\t6 winners\n", compute.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(0, publish.Code);
        Assert.Contains("published", publish.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.Code);
        Assert.Equal(201, MiniExcel.Query(file, useHeaderRow: false).Count());
        Assert.Equal(2, unknown.Code);
        Assert.StartsWith("contest:", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/api/v1/contests/{contest.Slug}/results?group=N2")).StatusCode);
    }

    [Fact]
    public async Task OwnStanding_IsShownToTheContestantOnly()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(12);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.Prizes = [new() { Group = "N1", Class = "Nhất", Count = 1 }]);
        var client = await quiz.RegisteredClientAsync();
        var start = await (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = start.GetProperty("attemptId").GetGuid();
        await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 3 });
        await using (var scope = fixture.Scope(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<global::Quiz.Data.QuizDbContext>();
            var row = await db.Contests.SingleAsync(c => c.Id == contest.Id);
            row.ClosesAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
            var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
            var run = (await results.ComputeAsync(contest.Slug, 0, "t", CancellationToken.None)).Run;
            await results.ApproveAsync(run.Id, "t", CancellationToken.None);
            await results.PublishAsync(run.Id, "t", CancellationToken.None);
        }

        var mine = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/contests/{contest.Slug}/results/me");
        var page = await client.GetStringAsync($"{quiz.Base}/ket-qua/{contest.Slug}");
        var anonymous = await fixture.CreateClient().GetAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/results/me");

        Assert.Equal(1, mine.GetProperty("rank").GetInt32());
        Assert.Equal("Nhất", mine.GetProperty("prize").GetString());
        Assert.Contains("Kết quả của bạn", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rounds_OnePrizePerPersonPerContest_UnlessPrizesArePerRound(bool prizePerRound)
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 400, seed: prizePerRound ? 19 : 23);
        await using var scope = fixture.Scope(tenant);
        var quiz = scope.ServiceProvider.GetRequiredService<global::Quiz.Data.QuizDbContext>();
        var row = await quiz.Contests.SingleAsync(c => c.Id == contest.Id);
        var middle = contest.OpensAt.AddDays(10);
        row.Rounds = [new() { Number = 1, Name = "Tuần 1", OpensAt = contest.OpensAt, ClosesAt = middle }, new() { Number = 2, Name = "Tuần 2", OpensAt = middle, ClosesAt = contest.ClosesAt }];
        await quiz.SaveChangesAsync();
        await quiz.Attempts.Where(a => a.ContestId == contest.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Round, a => a.Seed % 2 == 0 ? 1 : 2));
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
        await results.SaveSettingsAsync(contest.Slug, TieBreak.Default, prizePerRound, publicStatistics: false, "btc", CancellationToken.None);

        var first = await results.ComputeAsync(contest.Slug, 1, "btc", CancellationToken.None);
        await results.ApproveAsync(first.Run.Id, "btc", CancellationToken.None);
        await results.PublishAsync(first.Run.Id, "btc", CancellationToken.None);
        var second = await results.ComputeAsync(contest.Slug, 2, "btc", CancellationToken.None);

        var db = scope.ServiceProvider.GetRequiredService<ResultsDbContext>();
        var winnersOfFirst = await db.RankedEntries.Where(e => e.RunId == first.Run.Id && e.Prize != null).Select(e => e.ContestantId).ToListAsync();
        var secondRun = await db.RankedEntries.Where(e => e.RunId == second.Run.Id).ToListAsync();
        var again = secondRun.Where(e => winnersOfFirst.Contains(e.ContestantId)).ToList();
        Assert.NotEmpty(again); // some round-1 winners entered round 2 too
        Assert.Equal(22, first.Run.PrizeCount);
        if (prizePerRound)
        {
            Assert.Contains(again, e => e.Prize != null);
            Assert.DoesNotContain(secondRun, e => e.Ineligible);
        }
        else
        {
            Assert.All(again, e => Assert.True(e.Prize is null && e.Ineligible));
        }

        Assert.Equal(22, second.Run.PrizeCount); // the prizes go further down the ranking instead
    }

    [Fact]
    public async Task PublicStatistics_OnlyWhenTheOrganisersChooseIt_WithChartsAndNoNames()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 120, seed: 13);
        var client = fixture.CreateClient();
        var path = $"/{tenant.Prefix}/thong-ke/{contest.Slug}";

        var before = await client.GetAsync(path);
        await using (var scope = fixture.Scope(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<ResultsService>().SaveSettingsAsync(contest.Slug, TieBreak.Default, prizePerRound: false, publicStatistics: true, "btc", CancellationToken.None);
        }

        var after = await client.GetStringAsync(path);
        var list = await client.GetStringAsync($"/{tenant.Prefix}/ket-qua");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("<svg", after, StringComparison.Ordinal);
        Assert.Contains("Huyện A", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Thí Sinh", after, StringComparison.Ordinal);
        Assert.Contains(path, list, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PlatformCli.RunAsync(fixture.Services, args, output, error, new StringReader(string.Empty));
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(int Code, string Output)> RecomputeAsync(string folder)
    {
        var script = Path.Combine(ContentPaths.FindFolder("tools", AppContext.BaseDirectory)!, "recompute-ranking.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteResultsFlowTests(SqliteFixture fixture) : ResultsFlowTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresResultsFlowTests(PostgresFixture fixture) : ResultsFlowTests<PostgresFixture>(fixture);
