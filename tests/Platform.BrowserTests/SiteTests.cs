using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The sample's website as visitors see it: home, rules, news and results on a 360 px phone and a 1280 px desktop, in
/// the Bắc Kạn theme and (switched in the admin's settings) the Default theme; and an editor publishing a news post.
/// </summary>
[Collection(PlatformCollectionDefinition.Name)]
public sealed partial class SiteTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Tenant = "/backan-2023";

    private static readonly (string Path, string Heading)[] Pages =
    [
        ("/", "Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn"),
        ("/the-le", "Thể lệ"),
        ("/tin-tuc", "Tin tức"),
        ("/ket-qua", "Kết quả"),
    ];

    [Fact]
    public Task Site_InBothThemes_OnPhoneAndDesktop_ShowsEveryPageWithoutOverflow() => OnDesktopAsync(async page =>
    {
        try
        {
            foreach (var (theme, marker) in new[] { ("BacKan", ".bk-banner"), ("Default", ".site-header") })
            {
                await SetThemeAsync(page, theme);
                foreach (var width in new[] { 360, 1280 })
                {
                    var visitor = await page.Page.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 800 }, Locale = "vi-VN" });
                    foreach (var (path, heading) in Pages)
                    {
                        var response = await visitor.GotoAsync(Server.Url(Tenant + path).ToString());
                        Assert.Equal(200, response!.Status);
                        await Expect(visitor.Locator(marker)).ToBeVisibleAsync();
                        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
                        await Expect(visitor.Locator("meta[property='og:title']")).ToHaveCountAsync(1);
                        var overflow = await visitor.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                        Assert.True(overflow <= 0, $"{theme} {width}px {path}: the page is {overflow}px wider than the window");
                        await visitor.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Screenshots, $"SiteTests.{theme}-{width}-{Name(path)}.png"), FullPage = true });
                    }

                    await visitor.CloseAsync();
                }
            }
        }
        finally
        {
            await SetThemeAsync(page, "BacKan");
        }
    });

    [Fact]
    public Task Rules_LinkToTheGuide_WhoseScreenshotsLoad() => OnPhoneAsync(async page =>
    {
        await page.GotoAsync($"{Tenant}/the-le");
        await page.Page.Locator(".prose a[href$='/huong-dan']").First.ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hướng dẫn");
        var images = page.Page.Locator(".prose img");
        Assert.True(await images.CountAsync() >= 5, "the guide shows its screenshots");
        foreach (var image in await images.AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
            Assert.True(await image.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), $"{await image.GetAttributeAsync("src")} loads");
        }

        page.AssertNoConsoleErrors();
    });

    [Fact]
    public Task Editor_PublishesANewsPost_VisitorsSeeItAtOnce_AndCannotOpenUsers() => OnDesktopAsync(async page =>
    {
        var p = page.Page;
        var title = $"Thông báo thử nghiệm {Guid.NewGuid():N}"[..32];

        // A visitor has the news list in the page cache already.
        var visitor = await p.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, Locale = "vi-VN" });
        await visitor.GotoAsync(Server.Url($"{Tenant}/tin-tuc").ToString());
        await Expect(visitor.Locator(".news-list")).Not.ToContainTextAsync(title);

        // The Ban Tổ chức adds an editor.
        await SignInAsync(p, "admin", Server.TenantAdminPassword());
        await page.GotoAsync($"{Tenant}/admin/users");
        var editorName = "bientap" + Guid.NewGuid().ToString("N")[..4];
        await p.Locator("#userName").FillAsync(editorName);
        await p.Locator("#role").SelectOptionAsync("Editor");
        await p.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        var created = await p.Locator("p.ok").InnerTextAsync();
        var password = PasswordPattern().Match(created).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(password), created);

        // The editor writes and publishes a post.
        var editor = await p.Context.Browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "vi-VN" });
        var e = await editor.NewPageAsync();
        await SignInAsync(e, editorName, password);
        await e.GotoAsync(Server.Url($"{Tenant}/admin/content/news/edit").ToString());
        await e.Locator("#title").FillAsync(title);
        await e.Locator("#summary").FillAsync("Tin thử nghiệm do biên tập viên đăng.");
        await e.Locator("#body").FillAsync("## Nội dung\n\nXem [thể lệ](~/the-le).<script>alert(1)</script>");
        await e.Locator("input[name='Form.Status'][value='now']").CheckAsync();
        await e.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(e.Locator("p.ok")).ToBeVisibleAsync();
        await e.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Screenshots, "SiteTests.editor-news-saved.png"), FullPage = true });

        // Live at once for the visitor, sanitized, with its links resolved.
        await visitor.ReloadAsync();
        await Expect(visitor.Locator(".news-list")).ToContainTextAsync(title);
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(visitor.Locator(".prose a")).ToHaveAttributeAsync("href", $"{Tenant}/the-le");
        Assert.DoesNotContain("alert(1)", await visitor.ContentAsync(), StringComparison.Ordinal);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Screenshots, "SiteTests.editor-news-live-360.png"), FullPage = true });

        // The editor's role covers the site only.
        await e.GotoAsync(Server.Url($"{Tenant}/admin/users").ToString());
        await Expect(e.Locator("#userName")).ToHaveCountAsync(0);
        await editor.CloseAsync();
    });

    [Fact]
    public Task EnglishTenant_AttemptPage_TalksEnglish_IncludingTheScriptsStatus() => OnPhoneAsync(async page =>
    {
        var p = page.Page;
        try
        {
            await SetCultureAsync(page, "en-US");

            // A contestant registers and starts the practice contest through the API, as the pages' script does.
            var n = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var register = await p.APIRequest.PostAsync(Server.Url($"{Tenant}/api/v1/account/register").ToString(), new()
            {
                DataObject = new { fullName = "Nông Thị Mai", dateOfBirth = "1995-03-08", citizenId = $"006095{n}", phone = $"0915{n}", groupCode = "N2", unitCode = "BK-TP", password = "matkhau2023", consent = true },
            });
            Assert.True(register.Ok, await register.TextAsync());
            var start = await p.APIRequest.PostAsync(Server.Url($"{Tenant}/api/v1/contests/thi-thu/attempts").ToString(), new() { DataObject = new { } });
            Assert.True(start.Ok, await start.TextAsync());
            var attemptId = (await start.JsonAsync())!.Value.GetProperty("attemptId").GetString();

            await page.GotoAsync($"{Tenant}/bai-thi/{attemptId}");
            await p.Locator(".question:not([hidden]) label.option").First.ClickAsync();

            await Expect(p.Locator("[data-status]")).ToHaveTextAsync(new Regex("^Saved"));
            await Expect(p.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await p.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Screenshots, "SiteTests.english-attempt-360.png"), FullPage = true });
            page.AssertNoConsoleErrors();
        }
        finally
        {
            await SetCultureAsync(page, "vi-VN");
        }
    });

    private async Task SetCultureAsync(BrowserPage page, string culture)
    {
        var admin = await page.Page.Context.Browser!.NewContextAsync();
        var p = await admin.NewPageAsync();
        await SignInAsync(p, "admin", Server.TenantAdminPassword());
        await p.GotoAsync(Server.Url($"{Tenant}/admin/settings").ToString());
        await p.Locator("#culture").SelectOptionAsync(culture);
        await p.Locator("form:has(#culture) button[type=submit]").ClickAsync();
        await Expect(p.Locator("#culture")).ToHaveValueAsync(culture);

        // The catalog reaches every node within its refresh interval (a second by default).
        var lang = culture[..2];
        for (var i = 0; i < 50; i++)
        {
            await p.GotoAsync(Server.Url($"{Tenant}/dang-nhap?lang-probe={i}").ToString());
            if (await p.Locator("html").GetAttributeAsync("lang") == lang)
            {
                break;
            }

            await Task.Delay(200);
        }

        await admin.CloseAsync();
    }

    private async Task SignInAsync(IPage p, string login, string password)
    {
        await p.GotoAsync(Server.Url($"{Tenant}/admin").ToString());
        await p.Locator("#login").FillAsync(login);
        await p.Locator("#password").FillAsync(password);
        // By the form, not the button's text: the admin speaks the tenant's language.
        await p.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Expect(p.Locator("form:has(#password)")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    [GeneratedRegex(@"Mật khẩu \(chỉ hiện một lần\): (\S+)")]
    private static partial Regex PasswordPattern();

    private async Task SetThemeAsync(BrowserPage page, string theme)
    {
        var p = page.Page;
        await page.GotoAsync($"{Tenant}/admin");
        if (await p.Locator("#password").CountAsync() > 0)
        {
            await SignInAsync(p, "admin", Server.TenantAdminPassword());
        }

        await page.GotoAsync($"{Tenant}/admin/settings");
        await p.Locator("#theme").SelectOptionAsync(theme);
        await p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(p.Locator("#theme")).ToHaveValueAsync(theme);

        // The catalog reaches every node within its refresh interval (a second by default).
        var marker = theme == "BacKan" ? ".bk-banner" : ".site-header";
        var probe = await p.Context.NewPageAsync();
        for (var i = 0; i < 50; i++)
        {
            await probe.GotoAsync(Server.Url($"{Tenant}/tin-tuc").ToString());
            if (await probe.Locator(marker).CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        await probe.CloseAsync();
    }

    private static string Name(string path) => path == "/" ? "home" : NotWord().Replace(path.Trim('/'), "-");

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotWord();
}
