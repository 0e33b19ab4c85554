using System.Net;
using System.Text.RegularExpressions;
using Content.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>The whole Bắc Kạn sample, content steps included, sets up a working site, and can do so twice on one host.</summary>
public abstract class SampleSiteTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task SampleRecipe_SetUpTwiceUnderTwoNames_GivesTwoWorkingSites()
    {
        var first = await fixture.CreateTenantAsync(name: PlatformFixture.UniqueName("bk"), recipe: PlatformFixture.SampleRecipe);
        var second = await fixture.CreateTenantAsync(name: PlatformFixture.UniqueName("bk"), recipe: PlatformFixture.SampleRecipe);

        foreach (var tenant in new[] { first, second })
        {
            await AssertWorkingSiteAsync(tenant);
        }
    }

    private async Task AssertWorkingSiteAsync(TenantInfo tenant)
    {
        var catalog = fixture.Services.GetRequiredService<TenantCatalog>();
        Assert.Equal(TenantState.Running, catalog.Current.Tenants.Single(t => t.Name == tenant.Name).State);
        var client = fixture.CreateClient();
        var b = $"/{tenant.Prefix}";

        var home = await client.GetAsync($"{b}/");
        var rules = await client.GetAsync($"{b}/the-le");
        var news = await client.GetAsync($"{b}/tin-tuc");
        var homeHtml = await home.Content.ReadAsStringAsync();
        var newsHtml = await news.Content.ReadAsStringAsync();
        int menu;
        await using (var scope = fixture.Scope(tenant))
        {
            menu = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Menu.CountAsync();
        }

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(ContentSite.Marker(ContentSite.BacKan), homeHtml, StringComparison.Ordinal);
        Assert.True(rules.StatusCode == HttpStatusCode.OK, $"{tenant.Name}: /the-le answered {(int)rules.StatusCode} (does samples/backan-2023/recipe.json have its pages step yet?)");
        Assert.Contains("Thể lệ", await rules.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, news.StatusCode);
        var posts = Regex.Matches(newsHtml, $"href=\"{Regex.Escape(b)}/tin-tuc/([a-z0-9-]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups[1].Value).Distinct().Count();
        Assert.True(posts >= 3, $"{tenant.Name}: /tin-tuc lists {posts} posts");
        Assert.True(menu > 0, $"{tenant.Name}: the menu is empty");
        Assert.Matches($"<nav class=\"site-nav\"[^>]*>\\s*<a href=\"{Regex.Escape(b)}/[a-z0-9-]+\"", homeHtml);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteSampleSiteTests(SqliteFixture fixture) : SampleSiteTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresSampleSiteTests(PostgresFixture fixture) : SampleSiteTests<PostgresFixture>(fixture);
