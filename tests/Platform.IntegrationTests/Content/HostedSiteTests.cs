using System.Net;
using Content.Data;
using Content.Publishing;
using Content.Templates;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Theming;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>The site of a tenant served at a host's root, and a site served by more than one node.</summary>
public abstract class HostedSiteTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task TenantAtHostRoot_ServesItsSiteFeedSitemapAndRobots()
    {
        var host = $"{PlatformFixture.UniqueName("h")}.example.vn";
        var tenant = await fixture.CreateTenantAsync(prefix: string.Empty, hosts: [host], recipe: ContentSite.Recipe(ContentSite.Default));
        var client = fixture.CreateClient(host);

        var home = await client.GetAsync("/");
        var page = await client.GetStringAsync($"/{ContentSite.RulesSlug}");
        var rss = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/rss"));
        var robots = await client.GetStringAsync("/robots.txt");
        var media = await client.GetAsync($"/media/{ContentSite.Cover}");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(ContentSite.Marker(ContentSite.Default), await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(ContentSite.RulesText, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tin-tuc\"", page, StringComparison.Ordinal); // ~/tin-tuc resolved against an empty base path
        Assert.Equal($"http://{host}/{ContentSite.RulesSlug}", ContentSite.Meta(page, "og:url"));
        Assert.Equal($"http://{host}/", rss.Root!.Element("channel")!.Element("link")!.Value);
        Assert.Contains($"Sitemap: http://{host}/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /admin", robots, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
    }

    [Fact]
    public async Task PageEdited_OnOneNode_IsShownByAnotherNodeOnceItsCacheIsDropped()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var other = fixture.AddNode();
        var otherClient = other.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains(ContentSite.RulesText, await otherClient.GetStringAsync($"/{tenant.Prefix}/{ContentSite.RulesSlug}"), StringComparison.Ordinal);

        await ContentSite.SavePageAsync(fixture, tenant, new PageInput(ContentSite.RulesSlug, ContentSite.RulesTitle, null, BodyFormat.Markdown, "Bản sửa trên nút thứ nhất.", Published: true));
        await other.Services.GetRequiredService<SiteCache>().InvalidateAsync(tenant, CancellationToken.None);

        Assert.Contains("Bản sửa trên nút thứ nhất.", await otherClient.GetStringAsync($"/{tenant.Prefix}/{ContentSite.RulesSlug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateOverride_PublishedOnOneNode_IsLiveOnAnotherNode()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var other = fixture.AddNode();
        var otherClient = other.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The other node has rendered the home page, so it has loaded the tenant's (empty) overrides.
        Assert.DoesNotContain("my-home", await otherClient.GetStringAsync($"/{tenant.Prefix}/"), StringComparison.Ordinal);

        await ContentSite.WithAsync<TemplateEditor>(fixture, tenant, e => e.PutLiveAsync("Home", "<section class=\"my-home\">Trang chủ riêng</section>", "test", CancellationToken.None));
        // Output cache aside (per node without Redis, a minute at most), the other node renders the new template once it
        // has checked the overrides' stamp: at most one catalog refresh interval later (0.2 s in the tests).
        var html = string.Empty;
        for (var i = 0; i < 50 && !html.Contains("my-home", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            await other.Services.GetRequiredService<SiteCache>().InvalidateAsync(tenant, CancellationToken.None);
            html = await otherClient.GetStringAsync($"/{tenant.Prefix}/");
        }

        Assert.Contains("my-home", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteHostedSiteTests(SqliteFixture fixture) : HostedSiteTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresHostedSiteTests(PostgresFixture fixture) : HostedSiteTests<PostgresFixture>(fixture);
