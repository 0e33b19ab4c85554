using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The organiser's results flow in the sample tenant, as a new user would do it: add a contest, let contestants take
/// it, close it, compute, approve and publish in the admin, then read the public results page; and the statistics page.
/// </summary>
[Collection(PlatformCollectionDefinition.Name)]
public sealed class ResultsFlowTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Tenant = "/backan-2023";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Fact]
    public Task Organiser_ComputesApprovesAndPublishes_ThePublicPageShowsTheWinners() => OnDesktopAsync(async page =>
    {
        var p = page.Page;
        var slug = "ket-qua-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(page);

        // A contest open for an hour, with prizes for its one group.
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone);
        await page.GotoAsync($"{Tenant}/admin/contests/edit");
        await p.Locator("#slug").FillAsync(slug);
        await p.Locator("#title").FillAsync("Thi thử xếp hạng");
        await p.Locator("#opens").FillAsync(now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await p.Locator("#closes").FillAsync(now.AddHours(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await p.Locator("#qpa").FillAsync("5");
        await p.Locator("#attempts").FillAsync("1");
        await p.Locator("#prizes").FillAsync("N1 | Nhất | 1 | 2000000\nN1 | Nhì | 1 | 1000000");
        await p.Locator("#unitcount").FillAsync("1");
        await p.Locator("#metric").SelectOptionAsync("participants");
        await p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(p.Locator("p.ok")).ToBeVisibleAsync();

        // Three contestants take it through the API, as the attempt page's script does.
        var names = new[] { "Lý Thị Hoa", "Nông Văn Bình", "Hoàng Thị Lan" };
        foreach (var name in names)
        {
            await TakeAsync(slug, name);
        }

        // The organiser closes the contest now, then computes, approves and publishes.
        await page.GotoAsync($"{Tenant}/admin/contests/edit/{slug}");
        await p.Locator("#closes").FillAsync(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(p.Locator("p.ok")).ToBeVisibleAsync();

        await page.GotoAsync($"{Tenant}/admin/results");
        await p.GetByRole(AriaRole.Link, new() { Name = "Thi thử xếp hạng" }).ClickAsync();
        await p.GetByRole(AriaRole.Button, new() { Name = "Tính kết quả" }).ClickAsync();
        await Expect(p.Locator("p.ok")).ToContainTextAsync("N1: 3 bài, 2 giải");
        await p.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Expect(p.Locator("p.ok")).ToContainTextAsync("Đã phê duyệt");
        await p.GetByRole(AriaRole.Button, new() { Name = "Công bố" }).ClickAsync();
        await Expect(p.Locator("p.ok")).ToContainTextAsync("Đã công bố");
        await Shot(p, "01-admin-published");

        // The Excel of the winners downloads.
        var download = await p.RunAndWaitForDownloadAsync(() => p.GetByRole(AriaRole.Link, new() { Name = "Danh sách đoạt giải" }).First.ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);

        // The public page, signed out, on a phone-sized window.
        var visitor = await p.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        await visitor.GotoAsync(Server.Url($"{Tenant}/ket-qua").ToString());
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Xem kết quả" }).First.ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Thi thử xếp hạng");
        var winners = visitor.Locator("#winners-title + div table tbody tr");
        await Expect(winners).ToHaveCountAsync(2);
        await Expect(winners.First).ToContainTextAsync("Nhất");
        await Expect(visitor.Locator(".hash").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        var html = await visitor.ContentAsync();
        Assert.DoesNotContain("001090", html, StringComparison.Ordinal); // no citizen id
        Assert.DoesNotContain("0912", html, StringComparison.Ordinal); // no phone
        await visitor.ScreenshotAsync(new() { Path = ShotPath("02-public-results"), FullPage = true });
        await visitor.CloseAsync();

        // The statistics page, with its charts.
        await page.GotoAsync($"{Tenant}/admin/results/{slug}/statistics");
        await Expect(p.Locator("svg").First).ToBeVisibleAsync();
        await Shot(p, "03-statistics");
    });

    private async Task SignInAsync(BrowserPage page)
    {
        await page.GotoAsync($"{Tenant}/admin");
        await page.Page.Locator("#login").FillAsync("admin");
        await page.Page.Locator("#password").FillAsync(Server.TenantAdminPassword());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync(Server.Url($"{Tenant}/admin").ToString());
    }

    private async Task TakeAsync(string slug, string name)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        var n = Random.Shared.Next(100_000, 999_999);
        var register = await client.PostAsJsonAsync($"{Tenant}/api/v1/account/register", new
        {
            fullName = name, dateOfBirth = "1992-04-10", citizenId = $"001090{n}", phone = $"0912{n}", groupCode = "N1", unitCode = "BK-TP",
            password = "thisinh2023", consent = true,
        });
        Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        var start = await (await client.PostAsJsonAsync($"{Tenant}/api/v1/contests/{slug}/attempts", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = start.GetProperty("attemptId").GetString();
        foreach (var question in start.GetProperty("questions").EnumerateArray())
        {
            var options = question.GetProperty("options").EnumerateArray().ToList();
            var option = options[Random.Shared.Next(options.Count)].GetProperty("id").GetString();
            var answer = await client.PutAsJsonAsync($"{Tenant}/api/v1/attempts/{attemptId}/answers/{question.GetProperty("id").GetString()}", new { optionId = option });
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        }

        var submit = await client.PostAsJsonAsync($"{Tenant}/api/v1/attempts/{attemptId}/submit", new { prediction = Random.Shared.Next(0, 5) });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
    }

    private static string ShotPath(string step) => Path.Combine(TestPaths.Screenshots, $"{nameof(ResultsFlowTests)}.{step}.png");

    private static async Task Shot(IPage p, string step) => await p.ScreenshotAsync(new() { Path = ShotPath(step), FullPage = true });
}
