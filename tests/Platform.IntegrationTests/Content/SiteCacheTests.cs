using System.Net;
using Content.Data;
using Content.Publishing;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>Public pages are output-cached for anonymous visitors; an edit is visible at once, and a signed-in user never gets the cached copy.</summary>
public abstract class SiteCacheTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Password = "matkhau2023";

    [Fact]
    public async Task AnonymousPage_SecondRequest_IsServedFromTheCache()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var client = fixture.CreateClient();
        var path = $"/{tenant.Prefix}/{ContentSite.RulesSlug}";

        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CachedPage_AfterAnEditThroughTheContentService_ShowsTheNewContentAtOnce()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var client = fixture.CreateClient();
        var path = $"/{tenant.Prefix}/{ContentSite.RulesSlug}";
        _ = await client.GetAsync(path);
        var cached = await client.GetAsync(path);
        Assert.NotNull(cached.Headers.Age);

        await ContentSite.SavePageAsync(fixture, tenant, new PageInput(ContentSite.RulesSlug, ContentSite.RulesTitle, null, BodyFormat.Markdown, "Điều khoản **mới sửa** hôm nay.", Published: true));
        var after = await client.GetAsync(path);
        var html = await after.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Điều khoản <strong>mới sửa</strong> hôm nay.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ContentSite.RulesText, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedNewsList_AfterANewPost_ListsIt()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var client = fixture.CreateClient();
        var home = $"/{tenant.Prefix}/";
        var news = $"/{tenant.Prefix}/tin-tuc";
        _ = await client.GetAsync(home);
        _ = await client.GetAsync(news);
        Assert.NotNull((await client.GetAsync(news)).Headers.Age);

        await ContentSite.WithAsync<ContentService>(fixture, tenant, s => s.SaveNewsAsync(null,
            new NewsInput("ket-qua-vong-1", "Công bố kết quả vòng một", "Kết quả đã có.", null, BodyFormat.Markdown, "Nội dung.", DateTime.UtcNow.AddMinutes(-1)), "test", CancellationToken.None));

        Assert.Contains("Công bố kết quả vòng một", await client.GetStringAsync(news), StringComparison.Ordinal);
        Assert.Contains("Công bố kết quả vòng một", await client.GetStringAsync(home), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedPage_AfterUnpublishing_IsNotFound()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var client = fixture.CreateClient();
        var path = $"/{tenant.Prefix}/gioi-thieu";
        _ = await client.GetAsync(path);
        Assert.NotNull((await client.GetAsync(path)).Headers.Age);

        await ContentSite.SavePageAsync(fixture, tenant, new PageInput("gioi-thieu", "Giới thiệu", null, BodyFormat.Html, "<p>x</p>", Published: false));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SignedInUser_NeverGetsTheCachedAnonymousPage()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var path = $"/{tenant.Prefix}/{ContentSite.RulesSlug}";
        var anonymous = fixture.CreateClient();
        _ = await anonymous.GetAsync(path);
        var cached = await anonymous.GetAsync(path);
        Assert.NotNull(cached.Headers.Age);
        Assert.DoesNotContain("Đăng xuất", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await fixture.CreateUserAsync(tenant, "thisinh", PlatformRoles.Contestant, Password);
        var user = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PlatformFixture.LoginAsync(user, $"/{tenant.Prefix}", "thisinh", Password)).StatusCode);

        var mine = await user.GetAsync(path);
        var again = await user.GetAsync(path);
        var afterUser = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Null(mine.Headers.Age);
        Assert.Null(again.Headers.Age);
        Assert.True(mine.Headers.CacheControl?.NoStore, $"Cache-Control: {mine.Headers.CacheControl}");
        Assert.Contains("Đăng xuất", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Đăng xuất", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // ...and the user's page was not stored for the next anonymous visitor either.
        Assert.DoesNotContain("Đăng xuất", await afterUser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedPages_OfOneTenant_AreNotServedToAnother()
    {
        var a = await ContentSite.CreateAsync(fixture, ContentSite.BacKan);
        var b = await ContentSite.CreateAsync(fixture, ContentSite.Default);
        var client = fixture.CreateClient();
        _ = await client.GetAsync($"/{a.Prefix}/{ContentSite.RulesSlug}");
        _ = await client.GetAsync($"/{a.Prefix}/{ContentSite.RulesSlug}");

        var html = await client.GetStringAsync($"/{b.Prefix}/{ContentSite.RulesSlug}");

        Assert.Contains(ContentSite.Marker(ContentSite.Default), html, StringComparison.Ordinal);
        Assert.Contains($"/{b.Prefix}/", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/{a.Prefix}/", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteSiteCacheTests(SqliteFixture fixture) : SiteCacheTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresSiteCacheTests(PostgresFixture fixture) : SiteCacheTests<PostgresFixture>(fixture);
