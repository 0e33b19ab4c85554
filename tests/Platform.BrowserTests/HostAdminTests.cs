using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(PlatformCollectionDefinition.Name)]
public sealed class HostAdminTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task SignIn_WhenBootstrapPasswordIsUsed_ListsBackanTenantAsRunning() => OnDesktopAsync(async page =>
    {
        await page.GotoAsync("/admin/login");
        var heading = page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync("Đăng nhập quản trị hệ thống");

        await page.Page.Locator("#login").FillAsync("admin");
        await page.Page.Locator("#password").FillAsync(Server.AdminPassword);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync(Server.Url("/admin").ToString());

        await Expect(heading).ToHaveTextAsync("Các tenant");
        var row = page.Page.GetByRole(AriaRole.Row).Filter(new()
        {
            Has = page.Page.GetByRole(AriaRole.Cell, new() { Name = "backan-2023", Exact = true }),
        });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".state")).ToHaveTextAsync("Running");
    });
}
