using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

[Collection(PlatformCollectionDefinition.Name)]
public sealed class PublicHomePageTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task HomePage_WhenOpenedOnPhone_ShowsContestTitleInVietnameseWithoutConsoleErrors() => OnPhoneAsync(async page =>
    {
        var response = await page.GotoAsync(PlatformServerFixture.TenantPath);
        await page.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(200, response.Status);
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn");
        page.AssertNoConsoleErrors();
    });
}
