using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Audit;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.QuizAdmin;
using Quiz.Attempts;
using Quiz.Data;
using Results.Data;
using Results.Ranking;

namespace Platform.IntegrationTests.Results;

/// <summary>The organiser's pages: closing a contest early, computing, approving, publishing, by role.</summary>
public abstract class ResultsAdminTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task CloseNow_EndsAttemptsInProgress_IsAudited_AndComputeWaitsForThem()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        var quiz = admin.Data;
        await quiz.AddQuestionsAsync(12);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync();
        var contestant = await quiz.RegisteredClientAsync();
        var started = await (await contestant.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = started.GetProperty("attemptId").GetGuid();

        var close = await Forms.PostAsync(admin.Http, $"{admin.Base}/admin/contests/edit/{contest.Slug}", new Dictionary<string, string>(), handler: "CloseNow");

        await using var scope = fixture.Scope(admin.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var attempt = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attemptId);
        var closed = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == contest.Id);
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync($"contest:{contest.Slug}", 10, CancellationToken.None);
        var refusal = await Assert.ThrowsAsync<ResultsProblemException>(() => scope.ServiceProvider.GetRequiredService<ResultsService>().ComputeAsync(contest.Slug, 0, "t", CancellationToken.None));
        var answer = await contestant.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{started.GetProperty("questions")[0].GetProperty("id").GetString()}", new { optionId = started.GetProperty("questions")[0].GetProperty("options")[0].GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.True(closed.ClosesAt <= DateTime.UtcNow);
        Assert.Equal(AttemptState.InProgress, attempt.State);
        Assert.True(attempt.Deadline <= closed.ClosesAt, "the attempt's deadline follows the early close");
        Assert.Contains(audit, a => a.Action == "contest.close" && a.Actor == "nguoidung");
        Assert.Contains("chưa kết thúc", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
    }

    [Fact]
    public async Task Secretary_ComputesButCannotApprove_TenantAdminApprovesAndPublishesThroughThePage()
    {
        var secretary = await AdminClient.SignInAsync(fixture, PlatformRoles.Secretary);
        var (contest, _) = await ResultsData.GenerateAsync(fixture, secretary.Tenant, 40, seed: 17);
        await fixture.CreateUserAsync(secretary.Tenant, "btc", PlatformRoles.TenantAdmin, "matkhau-btc-2023");
        var page = $"{secretary.Base}/admin/results/{contest.Slug}";

        var compute = await Forms.PostAsync(secretary.Http, page, new Dictionary<string, string> { ["round"] = "0" }, handler: "Compute");
        long runId;
        await using (var scope = fixture.Scope(secretary.Tenant))
        {
            runId = (await scope.ServiceProvider.GetRequiredService<ResultsDbContext>().Runs.SingleAsync(r => r.ContestId == contest.Id)).Id;
        }

        var refused = await Forms.PostAsync(secretary.Http, page, new Dictionary<string, string> { ["runId"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Approve");
        var afterRefusal = await secretary.Http.GetStringAsync(page);

        var btc = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PlatformFixture.LoginAsync(btc, secretary.Base, "btc", "matkhau-btc-2023")).StatusCode);
        var approve = await Forms.PostAsync(btc, page, new Dictionary<string, string> { ["runId"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Approve");
        var publish = await Forms.PostAsync(btc, page, new Dictionary<string, string> { ["runId"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Publish");
        var withoutToken = await btc.PostAsync($"{page}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["runId"] = "1" }));
        var download = await btc.GetAsync($"{page}?handler=Download&runId={runId}&kind=winners");
        var anonymous = await fixture.CreateClient().GetAsync($"{page}?handler=Download&runId={runId}&kind=winners");

        Assert.Equal(HttpStatusCode.Redirect, compute.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Chỉ Ban Tổ chức", afterRefusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode); // antiforgery
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateClient().GetAsync($"{secretary.Base}/api/v1/contests/{contest.Slug}/results?group=N1")).StatusCode);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteResultsAdminTests(SqliteFixture fixture) : ResultsAdminTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresResultsAdminTests(PostgresFixture fixture) : ResultsAdminTests<PostgresFixture>(fixture);
