using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.QuizAdmin;

namespace Platform.IntegrationTests.Observability;

/// <summary>The organisers' live page on deadline night counts what is happening now, per contest.</summary>
public abstract partial class LivePageTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task LivePage_CountsTheAttemptInProgress_AndRefreshesItself()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await admin.Data.AddQuestionsAsync(6);
        await admin.Data.AddUnitsAsync();
        var contest = await admin.Data.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var contestant = await admin.Data.RegisteredClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await contestant.PostAsJsonAsync($"{admin.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);

        var html = await admin.GetStringAsync("/admin/live");

        Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        var row = RowOf().Match(html[html.IndexOf(contest.Title, StringComparison.Ordinal)..]);
        Assert.True(row.Success, html);
        // In progress 1, answering in the last minute 0, started in the last 5 minutes 1, finished 0, entries 0.
        Assert.Equal(["1", "0", "1", "0", "0"], row.Groups[1].Captures.Select(c => c.Value).ToArray());
    }

    [Fact]
    public async Task LivePage_ShowsTheProvisionalLeaderboard_BestFirst()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await admin.Data.AddQuestionsAsync(6);
        await admin.Data.AddUnitsAsync();
        var contest = await admin.Data.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        foreach (var (name, right) in new[] { ("Lò Văn Một", 1), ("Hà Thị Ba", 3) })
        {
            var client = await admin.Data.RegisteredClientAsync(new
            {
                fullName = name, dateOfBirth = "1990-05-17", citizenId = $"00109{Random.Shared.Next(1_000_000, 9_999_999)}", phone = $"091{Random.Shared.Next(1_000_000, 9_999_999)}",
                groupCode = "N1", unitCode = "BK-TP-DX", password = "matkhau2023", consent = true,
            });
            var started = await (await client.PostAsJsonAsync($"{admin.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            var id = started.GetProperty("attemptId").GetGuid();
            var key = await admin.Data.KeyAsync(id);
            foreach (var (question, option) in key.Take(right))
            {
                await client.PutAsJsonAsync($"{admin.Base}/api/v1/attempts/{id}/answers/{question}", new { optionId = option });
            }

            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{admin.Base}/api/v1/attempts/{id}/submit", new { prediction = 1 })).StatusCode);
        }

        var html = await admin.GetStringAsync("/admin/live");

        Assert.Contains("Xếp hạng tạm thời", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Hà Thị Ba", StringComparison.Ordinal) < html.IndexOf("Lò Văn Một", StringComparison.Ordinal), "3 right answers rank above 1");
    }

    [Fact]
    public async Task LivePage_IsRefusedToAnEditor()
    {
        var editor = await AdminClient.SignInAsync(fixture, PlatformRoles.Editor);

        var response = await editor.Http.GetAsync($"{editor.Base}/admin/live");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^.*?(?:<td style=""text-align:right"">([\d.]+)</td>\s*){5}", RegexOptions.Singleline)]
    private static partial Regex RowOf();
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteLivePageTests(SqliteFixture fixture) : LivePageTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresLivePageTests(PostgresFixture fixture) : LivePageTests<PostgresFixture>(fixture);
