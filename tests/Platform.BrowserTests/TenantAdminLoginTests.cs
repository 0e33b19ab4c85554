using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(PlatformCollectionDefinition.Name)]
public sealed class TenantAdminLoginTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string LoginPath = "/backan-2023/admin/login";

    [Fact]
    public Task AdminPath_WhenSignedOut_RedirectsToLoginForm() => OnDesktopAsync(async page =>
    {
        var response = await page.GotoAsync("/backan-2023/admin");

        var redirect = await (response.Request.RedirectedFrom?.ResponseAsync() ?? Task.FromResult<IResponse?>(null));
        Assert.Equal(302, redirect?.Status);
        var url = new Uri(page.Page.Url);
        Assert.Equal(LoginPath, url.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2Fbackan-2023%2Fadmin", url.Query);
        Assert.Equal(200, response.Status);

        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync($"Đăng nhập quản trị · {PlatformServerFixture.TenantDisplayName}");
        var login = page.Page.Locator("#login");
        await Expect(login).ToBeEditableAsync();
        await Expect(login).ToHaveAttributeAsync("name", "Login");
        var password = page.Page.Locator("#password");
        await Expect(password).ToBeEditableAsync();
        await Expect(password).ToHaveAttributeAsync("name", "Password");
        await Expect(password).ToHaveAttributeAsync("type", "password");
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true })).ToBeEnabledAsync();
    });

    [Fact]
    public Task SignIn_WhenPasswordIsWrong_ShowsErrorAndStaysOnLoginPage() => OnDesktopAsync(async page =>
    {
        await page.GotoAsync("/backan-2023/admin");
        await page.Page.Locator("#login").FillAsync("admin");
        await page.Page.Locator("#password").FillAsync("not-the-password-1");

        var posted = await page.Page.RunAndWaitForResponseAsync(
            () => page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(200, posted.Status);
        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu.");
        Assert.Equal(LoginPath, new Uri(page.Page.Url).AbsolutePath);
        await Expect(page.Page.Locator("#login")).ToHaveValueAsync("admin");
        await Expect(page.Page.Locator("#password")).ToHaveValueAsync(string.Empty);
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true })).ToBeEnabledAsync();
    });

    [Fact]
    public Task SignIn_WhenPasswordPrintedAtFirstStartIsUsed_ShowsTheAdminShellWithTheModulesMenu() => OnDesktopAsync(async page =>
    {
        await page.GotoAsync("/backan-2023/admin");
        await page.Page.Locator("#login").FillAsync("admin");
        await page.Page.Locator("#password").FillAsync(Server.TenantAdminPassword());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync(Server.Url("/backan-2023/admin").ToString());

        var menu = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu quản trị" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tài khoản" })).ToHaveAttributeAsync("href", "/backan-2023/admin/users");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Cài đặt" })).ToHaveAttributeAsync("href", "/backan-2023/admin/settings");
        await menu.GetByRole(AriaRole.Link, new() { Name = "Tài khoản" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Cell, new() { Name = "admin", Exact = true })).ToHaveCountAsync(1);
    });
}
