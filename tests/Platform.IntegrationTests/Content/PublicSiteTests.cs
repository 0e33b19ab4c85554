using System.Net;
using System.Xml.Linq;
using Content.Data;
using Content.Media;
using Content.Publishing;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>What the public site serves besides themed pages: sanitized bodies, the feed, the sitemap, robots.txt and media files.</summary>
public abstract class PublicSiteTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Theory]
    [InlineData(BodyFormat.Markdown)]
    [InlineData(BodyFormat.Html)]
    public async Task Page_WithScriptAndEventHandler_RendersWithoutThem(BodyFormat format)
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        const string Body = "<p>Đoạn đầu an toàn.</p>\n\n<img src=x onerror=alert(1)>\n\n<script>alert('xss')</script>\n\n<a href=\"javascript:alert(2)\">bấm</a>\n\n<p>Đoạn cuối an toàn.</p>";

        await ContentSite.SavePageAsync(fixture, tenant, new PageInput("doc-hai", "Trang có mã độc", null, format, Body, Published: true));
        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/doc-hai");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đoạn đầu an toàn.", html, StringComparison.Ordinal);
        Assert.Contains("Đoạn cuối an toàn.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rss_IsRss20_WithOneItemPerPublishedPost()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/rss");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rss", xml.Root!.Name.LocalName);
        Assert.Equal("2.0", xml.Root.Attribute("version")?.Value);
        var channel = xml.Root.Element("channel")!;
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("title")?.Value));
        Assert.Equal($"http://localhost/{tenant.Prefix}/", channel.Element("link")?.Value);
        var items = channel.Elements("item").ToList();
        Assert.Equal([ContentSite.LaunchTitle, ContentSite.PracticeTitle], items.Select(i => i.Element("title")!.Value));
        Assert.Equal($"http://localhost/{tenant.Prefix}/tin-tuc/{ContentSite.LaunchSlug}", items[0].Element("link")!.Value);
        Assert.All(items, i => Assert.True(DateTimeOffset.TryParse(i.Element("pubDate")!.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)));
        Assert.Equal($"http://localhost/{tenant.Prefix}/media/{ContentSite.Cover}", items[0].Element("enclosure")?.Attribute("url")?.Value);
        Assert.Equal("image/png", items[0].Element("enclosure")?.Attribute("type")?.Value);
    }

    [Fact]
    public async Task Rss_WhenAPostIsPublishedLater_ListsItThen()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var client = fixture.CreateClient();
        _ = await client.GetStringAsync($"/{tenant.Prefix}/rss");

        await ContentSite.WithAsync<ContentService>(fixture, tenant, s => s.SaveNewsAsync(null,
            new NewsInput("tin-moi", "Tin mới đăng", "Vừa đăng.", null, BodyFormat.Markdown, "Nội dung.", DateTime.UtcNow.AddMinutes(-1)), "test", CancellationToken.None));
        var xml = XDocument.Parse(await client.GetStringAsync($"/{tenant.Prefix}/rss"));

        Assert.Equal(3, xml.Root!.Element("channel")!.Elements("item").Count());
        Assert.Equal("Tin mới đăng", xml.Root.Element("channel")!.Elements("item").First().Element("title")!.Value);
    }

    [Fact]
    public async Task Sitemap_ListsPublishedPagesAndNewsOnly()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var site = $"http://localhost/{tenant.Prefix}";

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/sitemap.xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = xml.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ns + "urlset", xml.Root.Name);
        Assert.Contains($"{site}/", locations);
        Assert.Contains($"{site}/{ContentSite.RulesSlug}", locations);
        Assert.Contains($"{site}/gioi-thieu", locations);
        Assert.Contains($"{site}/tin-tuc", locations);
        Assert.Contains($"{site}/tin-tuc/{ContentSite.LaunchSlug}", locations);
        Assert.Contains($"{site}/tin-tuc/{ContentSite.PracticeSlug}", locations);
        Assert.DoesNotContain($"{site}/{ContentSite.HiddenPageSlug}", locations);
        Assert.DoesNotContain($"{site}/tin-tuc/{ContentSite.DraftSlug}", locations);
        Assert.DoesNotContain($"{site}/tin-tuc/{ContentSite.ScheduledSlug}", locations);
        Assert.Equal(locations.Count, locations.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Robots_OfATenant_NamesItsSitemapAndHidesTheAdmin()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Sitemap: http://localhost/{tenant.Prefix}/sitemap.xml", text, StringComparison.Ordinal);
        Assert.Contains($"Disallow: /{tenant.Prefix}/admin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_OfTheHost_NamesEachTenantsSitemap()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var text = await fixture.CreateClient().GetStringAsync("/robots.txt");

        Assert.Contains("User-agent: *", text, StringComparison.Ordinal);
        Assert.Contains($"Disallow: /{tenant.Prefix}/admin", text, StringComparison.Ordinal);
        Assert.Contains($"/{tenant.Prefix}/sitemap.xml", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_Uploaded_IsServedWithItsTypeAndNosniff_OnlyInItsTenant()
    {
        var a = await ContentSite.CreateAsync(fixture);
        var b = await ContentSite.CreateAsync(fixture);

        var row = await ContentSite.WithAsync<MediaLibrary, MediaFile>(fixture, a, m => m.SaveAsync("Logo Tỉnh.png", new MemoryStream(ContentSite.Png), "test", CancellationToken.None));
        var client = fixture.CreateClient();
        var served = await client.GetAsync($"/{a.Prefix}/media/{row.FileName}");
        var elsewhere = await client.GetAsync($"/{b.Prefix}/media/{row.FileName}");

        Assert.Equal("logo-tinh.png", row.FileName);
        Assert.Equal(1, row.Width);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(ContentSite.Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", served.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Media_FileNameWithPathTraversal_IsNotFound()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/media/..%2F..%2Fplatform.db");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Media_TextNamedPng_IsRefusedAndNothingIsKept()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        await Assert.ThrowsAsync<MediaException>(() => ContentSite.WithAsync<MediaLibrary>(fixture, tenant,
            m => m.SaveAsync("gia.png", new MemoryStream("<script>alert(1)</script>"u8.ToArray()), "test", CancellationToken.None)));
        var files = await ContentSite.WithAsync<MediaLibrary, List<MediaFile>>(fixture, tenant, m => m.ListAsync(CancellationToken.None));
        var folder = await ContentSite.WithAsync<MediaLibrary, string>(fixture, tenant, m => Task.FromResult(m.Folder));

        Assert.DoesNotContain(files, f => f.FileName.StartsWith("gia", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder, "gia.png")));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/media/gia.png")).StatusCode);
    }

    [Theory]
    [InlineData("tin-tuc")]
    [InlineData("rss")]
    [InlineData("media")]
    [InlineData("tra-cuu")]
    [InlineData("ket-qua")]
    [InlineData("cuoc-thi")]
    [InlineData("dang-nhap")]
    [InlineData("admin")]
    [InlineData("api")]
    public async Task SavePage_WithTheSlugOfAnExistingRoute_IsRefused(string slug)
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var error = await Assert.ThrowsAsync<ContentValidationException>(() =>
            ContentSite.SavePageAsync(fixture, tenant, new PageInput(slug, "Trùng", null, BodyFormat.Markdown, "x", Published: true)));

        Assert.Equal("slug", error.Field);
    }

    [Fact]
    public async Task NewsList_WithMoreThanAPage_LinksToTheNextPage()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        for (var i = 0; i < 10; i++)
        {
            var at = new DateTime(2023, 9, 10, 1, 0, 0, DateTimeKind.Utc).AddHours(i);
            await ContentSite.WithAsync<ContentService>(fixture, tenant, s => s.SaveNewsAsync(null,
                new NewsInput($"tin-so-{i}", $"Tin số {i}", "Tóm tắt.", null, BodyFormat.Markdown, "Nội dung.", at), "test", CancellationToken.None));
        }

        var client = fixture.CreateClient();
        var first = await client.GetStringAsync($"/{tenant.Prefix}/tin-tuc");
        var second = await client.GetStringAsync($"/{tenant.Prefix}/tin-tuc?trang=2");

        Assert.Contains("Tin số 9", first, StringComparison.Ordinal);
        Assert.DoesNotContain(ContentSite.PracticeTitle, first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{tenant.Prefix}/tin-tuc?trang=2\"", first, StringComparison.Ordinal);
        Assert.Contains(ContentSite.LaunchTitle, second, StringComparison.Ordinal);
        Assert.Contains(ContentSite.PracticeTitle, second, StringComparison.Ordinal);
        Assert.DoesNotContain("Tin số 9", second, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqlitePublicSiteTests(SqliteFixture fixture) : PublicSiteTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresPublicSiteTests(PostgresFixture fixture) : PublicSiteTests<PostgresFixture>(fixture);
