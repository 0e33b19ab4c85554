using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.QuizAdmin;

namespace Platform.IntegrationTests.Admin;

/// <summary>The admin follows the tenant's culture: Vietnamese by default, English when the tenant is switched to en-US.</summary>
[Collection(SqliteSuite.Name)]
public sealed class AdminCultureTests(SqliteFixture fixture)
{
    [Theory]
    [InlineData("/admin/contests", "Cuộc thi", "Contests")]
    [InlineData("/admin/content/pages", "Thêm trang", "Add page")]
    [InlineData("/admin/results", "Kết quả", "Results")]
    [InlineData("/admin/settings", "Cài đặt trang", "Site settings")]
    public async Task AdminPage_OfAnEnglishTenant_IsInEnglish_AndOfAVietnameseOne_InVietnamese(string path, string vietnamese, string english)
    {
        var vi = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        var en = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await using (var scope = fixture.Scope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantCatalogStore>().UpdateSettingsAsync(en.Tenant.Name, null, "en-US", null, null, CancellationToken.None);
        }

        var englishHtml = string.Empty;
        for (var i = 0; i < 50 && !englishHtml.Contains("lang=\"en\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100); // the catalog reaches the node within its refresh interval
            englishHtml = await en.GetStringAsync(path);
        }

        var vietnameseHtml = await vi.GetStringAsync(path);

        Assert.Contains(english, englishHtml, StringComparison.Ordinal);
        Assert.Contains(vietnamese, vietnameseHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + english + "<", vietnameseHtml, StringComparison.Ordinal);
    }
}
