using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>The page script's texts follow the tenant's culture: an English tenant's pages carry the translations.</summary>
[Collection(SqliteSuite.Name)]
public sealed partial class ScriptTextsTests(SqliteFixture fixture)
{
    [Fact]
    public async Task EnglishTenant_PagesCarryTheScriptsTranslations_VietnameseTenant_None()
    {
        var vi = await fixture.CreateTenantAsync();
        var en = await fixture.CreateTenantAsync();
        await using (var scope = fixture.Scope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantCatalogStore>().UpdateSettingsAsync(en.Name, null, "en-US", null, null, CancellationToken.None);
        }

        var client = fixture.CreateClient();
        var english = string.Empty;
        for (var i = 0; i < 50 && !english.Contains("site-texts", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100); // the catalog reaches the node within its refresh interval
            english = await client.GetStringAsync($"/{en.Prefix}/dang-nhap?t={i}");
        }

        var vietnamese = await client.GetStringAsync($"/{vi.Prefix}/dang-nhap");

        var json = TextsElement().Match(english);
        Assert.True(json.Success, "the English page carries #site-texts");
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(json.Groups[1].Value)!;
        Assert.Equal("Saving…", texts["Đang lưu…"]);
        Assert.Equal("Signing in…", texts["Đang đăng nhập…"]);
        Assert.DoesNotContain("site-texts", vietnamese, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script id=\"site-texts\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex TextsElement();
}
