using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>Every public page type renders through each theme, with the theme's layout, Open Graph tags and its content.</summary>
public abstract class ThemePagesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Theory]
    [InlineData(ContentSite.Default)]
    [InlineData(ContentSite.BacKan)]
    public async Task PublicPages_InEachTheme_RenderWithLayoutOpenGraphAndContent(string theme)
    {
        var tenant = await ContentSite.CreateAsync(fixture, theme);
        var client = fixture.CreateClient();
        var b = $"/{tenant.Prefix}";
        var pages = new (string Path, string[] Shows)[]
        {
            ("/", [ContentSite.LaunchTitle, ContentSite.PracticeTitle]),
            ($"/{ContentSite.RulesSlug}", [ContentSite.RulesTitle, ContentSite.RulesText, "<table>", $"href=\"{b}/tin-tuc\""]),
            ("/tin-tuc", [ContentSite.LaunchTitle, ContentSite.PracticeTitle, $"href=\"{b}/tin-tuc/{ContentSite.LaunchSlug}\""]),
            ($"/tin-tuc/{ContentSite.LaunchSlug}", [ContentSite.LaunchTitle, ContentSite.LaunchText, $"src=\"{b}/media/{ContentSite.Cover}\""]),
            ("/tra-cuu", ["<h1>Tra cứu kết quả</h1>"]),
            ("/ket-qua", ["<h1 class=\"page-title\">Kết quả</h1>"]),
        };
        var otherMarker = ContentSite.Marker(theme == ContentSite.BacKan ? ContentSite.Default : ContentSite.BacKan);
        var failures = new List<string>();

        foreach (var (path, shows) in pages)
        {
            var response = await client.GetAsync(b + path);
            var html = await response.Content.ReadAsStringAsync();
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add($"{theme} {path}: {what}");
                }
            }

            Check(response.StatusCode == HttpStatusCode.OK, $"status {(int)response.StatusCode}");
            Check(html.Contains(ContentSite.Marker(theme), StringComparison.Ordinal), $"no {ContentSite.Marker(theme)}");
            Check(!html.Contains(otherMarker, StringComparison.Ordinal), $"has the other theme's {otherMarker}");
            Check(!string.IsNullOrWhiteSpace(ContentSite.Meta(html, "og:title")), "no og:title");
            Check(!string.IsNullOrWhiteSpace(ContentSite.Meta(html, "og:description")), "no og:description");
            var url = ContentSite.Meta(html, "og:url");
            Check(url is not null && url.StartsWith($"http://localhost{b}{(path == "/" ? string.Empty : path)}", StringComparison.Ordinal), $"og:url '{url}'");
            foreach (var text in shows)
            {
                Check(html.Contains(text, StringComparison.Ordinal), $"does not show '{text}'");
            }

            Check(!html.Contains(ContentSite.DraftTitle, StringComparison.Ordinal), "shows the draft post");
            Check(!html.Contains(ContentSite.ScheduledTitle, StringComparison.Ordinal), "shows the scheduled post");
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(ContentSite.Default)]
    [InlineData(ContentSite.BacKan)]
    public async Task NewsPost_WithCover_HasAbsoluteOgImageAndArticleType(string theme)
    {
        var tenant = await ContentSite.CreateAsync(fixture, theme);

        var html = await fixture.CreateClient().GetStringAsync($"/{tenant.Prefix}/tin-tuc/{ContentSite.LaunchSlug}");

        Assert.Equal($"http://localhost/{tenant.Prefix}/media/{ContentSite.Cover}", ContentSite.Meta(html, "og:image"));
        Assert.Equal("article", ContentSite.Meta(html, "og:type"));
        Assert.Equal("Cuộc thi chính thức được phát động.", ContentSite.Meta(html, "og:description"));
        Assert.StartsWith(ContentSite.LaunchTitle, ContentSite.Meta(html, "og:title"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContentSite.Default)]
    [InlineData(ContentSite.BacKan)]
    public async Task Menu_FromTheMenuStep_IsTheSiteNavigation(string theme)
    {
        var tenant = await ContentSite.CreateAsync(fixture, theme);

        var html = await fixture.CreateClient().GetStringAsync($"/{tenant.Prefix}/{ContentSite.RulesSlug}");

        Assert.Contains($"<a href=\"/{tenant.Prefix}/the-le\" aria-current=\"page\">Thể lệ</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/{tenant.Prefix}/tin-tuc\">Tin tức</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ban-nhap")]
    [InlineData("/tin-tuc/tin-nhap")]
    [InlineData("/tin-tuc/tin-hen-gio")]
    [InlineData("/khong-co-trang-nay")]
    public async Task UnpublishedOrMissing_IsNotFound(string path)
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(ContentSite.DraftTitle, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteThemePagesTests(SqliteFixture fixture) : ThemePagesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresThemePagesTests(PostgresFixture fixture) : ThemePagesTests<PostgresFixture>(fixture);
