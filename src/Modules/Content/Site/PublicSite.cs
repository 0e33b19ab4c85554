using System.Globalization;
using System.Text;
using System.Xml;
using Content.Data;
using Content.Media;
using Content.Publishing;
using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Site;

/// <summary>A page as templates see it (<c>article</c>).</summary>
internal sealed record PageView(string Slug, string Title, string? Description, string Html, string UpdatedAtText);

/// <summary>A news post as templates see it.</summary>
internal sealed record NewsView(string Slug, string Title, string Summary, string Url, string? CoverUrl, string PublishedAtText, string? Html);

/// <summary>A contest on the home page.</summary>
internal sealed record ContestCard(string Title, string Url, string OpensAtText, string ClosesAtText, string State, bool Practice);

/// <summary>
/// The public site of a tenant: home, pages at <c>{t}/{slug}</c>, news, media files, the RSS feed, the sitemap and
/// robots.txt. Everything a visitor who is not signed in sees is output-cached per tenant (see <see cref="SiteCache"/>).
/// </summary>
internal static class PublicSite
{
    /// <summary>News per page of the list.</summary>
    public const int NewsPageSize = 10;

    public static void MapPublicSite(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", HomeAsync).WithName("TenantHome").CacheAsPublicPage();
        endpoints.MapGet("/tin-tuc", NewsListAsync).WithName("NewsList").CacheAsPublicPage();
        endpoints.MapGet("/tin-tuc/{slug}", NewsPostAsync).WithName("NewsPost").CacheAsPublicPage();
        endpoints.MapGet("/media/{file}", MediaAsync).WithName("MediaFile");
        endpoints.MapGet("/rss", RssAsync).WithName("NewsFeed").CacheAsPublicPage();
        endpoints.MapGet("/sitemap.xml", SitemapAsync).WithName("Sitemap").CacheAsPublicPage();
        endpoints.MapGet("/robots.txt", TenantRobots).WithName("TenantRobots").CacheAsPublicPage();
        endpoints.MapGet("/robots.txt", HostRobots).WithName("HostRobots").ForHost();
        // Last: literal routes of every module win over a page's slug.
        endpoints.MapGet("/{slug}", PageAsync).WithName("ContentPage").CacheAsPublicPage();
    }

    public static void RegisterViewModels(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<PageView>();
        options.MemberAccessStrategy.Register<NewsView>();
        options.MemberAccessStrategy.Register<ContestCard>();
    }

    /// <summary>A news post's view; the body only when <paramref name="withBody"/>.</summary>
    public static NewsView View(NewsPost post, PageRequest page, bool withBody) => new(
        post.Slug,
        post.Title,
        post.Summary,
        $"{page.BaseUrl}/tin-tuc/{post.Slug}",
        post.Cover is null ? null : $"{page.BaseUrl}/media/{post.Cover}",
        Date(page.Tenant, post.PublishAt ?? post.UpdatedAt),
        withBody ? ContentHtml.ResolveLinks(post.Html, page.BaseUrl) : null);

    private static async Task<ContentHttpResult> HomeAsync([AsParameters] PageRequest page, ContentDbContext db, IContestData contests)
    {
        var now = page.UtcNow;
        var news = await db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now)
            .OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id).Take(3).ToListAsync(page.Aborted);
        var cards = (await contests.ListContestsAsync(page.Aborted))
            .OrderBy(c => c.IsPractice).ThenByDescending(c => c.OpensAt)
            .Select(c => new ContestCard(c.Title, $"{page.BaseUrl}/cuoc-thi/{c.Slug}", Date(page.Tenant, c.OpensAt), Date(page.Tenant, c.ClosesAt.AddSeconds(-1)),
                now < c.OpensAt ? page.T("Sắp mở") : now < c.ClosesAt ? page.T("Đang mở") : page.T("Đã kết thúc"), c.IsPractice))
            .ToList();
        return await page.RenderAsync("Home", page.Tenant.DisplayName, new()
        {
            ["news"] = news.Select(p => View(p, page, withBody: false)).ToList(),
            ["contests"] = cards,
            ["description"] = (await page.Settings.GetAllAsync(page.Aborted)).GetValueOrDefault("description"),
        });
    }

    private static async Task<ContentHttpResult> PageAsync(string slug, [AsParameters] PageRequest page, ContentDbContext db)
    {
        var row = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.Published, page.Aborted);
        if (row is null)
        {
            return await page.NotFoundAsync(page.T("Trang này không có hoặc đã được gỡ."));
        }

        var view = new PageView(row.Slug, row.Title, row.Description, ContentHtml.ResolveLinks(row.Html, page.BaseUrl), Date(page.Tenant, row.UpdatedAt));
        return await page.RenderAsync("Page", row.Title, new()
        {
            ["article"] = view,
            ["current"] = row.Slug,
            ["description"] = row.Description ?? ContentHtml.PlainText(row.Html, 160),
        });
    }

    private static async Task<ContentHttpResult> NewsListAsync(int? trang, [AsParameters] PageRequest page, ContentDbContext db)
    {
        var now = page.UtcNow;
        var number = Math.Max(1, trang ?? 1);
        var published = db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now);
        var total = await published.CountAsync(page.Aborted);
        var posts = await published.OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id)
            .Skip((number - 1) * NewsPageSize).Take(NewsPageSize).ToListAsync(page.Aborted);
        return await page.RenderAsync("News", page.T("Tin tức"), new()
        {
            ["posts"] = posts.Select(p => View(p, page, withBody: false)).ToList(),
            ["current"] = "tin-tuc",
            ["previous_url"] = number > 1 ? $"{page.BaseUrl}/tin-tuc?trang={number - 1}" : null,
            ["next_url"] = number * NewsPageSize < total ? $"{page.BaseUrl}/tin-tuc?trang={number + 1}" : null,
        });
    }

    private static async Task<ContentHttpResult> NewsPostAsync(string slug, [AsParameters] PageRequest page, ContentDbContext db)
    {
        var now = page.UtcNow;
        var post = await db.News.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.PublishAt != null && p.PublishAt <= now, page.Aborted);
        if (post is null)
        {
            return await page.NotFoundAsync(page.T("Tin này không có hoặc chưa được đăng."));
        }

        var view = View(post, page, withBody: true);
        return await page.RenderAsync("NewsPost", post.Title, new()
        {
            ["post"] = view,
            ["current"] = "tin-tuc",
            ["description"] = post.Summary,
            ["image"] = post.Cover is null ? null : $"{page.AbsoluteBaseUrl}/media/{post.Cover}",
            ["og_type"] = "article",
        });
    }

    private static async Task<IResult> MediaAsync(string file, HttpContext http, MediaLibrary media)
    {
        if (await media.FindAsync(file, http.RequestAborted) is not var (row, path) || !File.Exists(path))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "public,max-age=86400";
        // A PDF opens in the browser; nothing uploaded may run as a page of the site.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        return TypedResults.PhysicalFile(path, row.ContentType, lastModified: new DateTimeOffset(row.UploadedAt, TimeSpan.Zero), entityTag: new EntityTagHeaderValue($"\"{row.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<ContentHttpResult> RssAsync(HttpContext http, [AsParameters] PageRequest page, ContentDbContext db)
    {
        var now = page.UtcNow;
        var posts = await db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now)
            .OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id).Take(30).ToListAsync(page.Aborted);
        var site = page.AbsoluteBaseUrl;
        var xml = Xml(writer =>
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", page.Tenant.DisplayName);
            writer.WriteElementString("link", site + "/");
            writer.WriteElementString("description", $"{page.T("Tin tức")}: {page.Tenant.DisplayName}");
            writer.WriteElementString("language", page.Tenant.Culture.ToLowerInvariant());
            writer.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
            writer.WriteAttributeString("href", site + "/rss");
            writer.WriteAttributeString("rel", "self");
            writer.WriteAttributeString("type", "application/rss+xml");
            writer.WriteEndElement();
            if (posts.Count > 0)
            {
                writer.WriteElementString("lastBuildDate", posts[0].PublishAt!.Value.ToString("R", CultureInfo.InvariantCulture));
            }

            foreach (var post in posts)
            {
                var url = $"{site}/tin-tuc/{post.Slug}";
                writer.WriteStartElement("item");
                writer.WriteElementString("title", post.Title);
                writer.WriteElementString("link", url);
                writer.WriteStartElement("guid");
                writer.WriteAttributeString("isPermaLink", "true");
                writer.WriteString(url);
                writer.WriteEndElement();
                writer.WriteElementString("pubDate", post.PublishAt!.Value.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteElementString("description", post.Summary);
                if (post.Cover is not null)
                {
                    writer.WriteStartElement("enclosure");
                    writer.WriteAttributeString("url", $"{site}/media/{post.Cover}");
                    writer.WriteAttributeString("type", MediaLibrary.Types[Path.GetExtension(post.Cover)]);
                    writer.WriteAttributeString("length", "0");
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        http.Response.Headers.CacheControl = "public,max-age=300";
        return TypedResults.Text(xml, "application/rss+xml; charset=utf-8");
    }

    private static async Task<ContentHttpResult> SitemapAsync(HttpContext http, [AsParameters] PageRequest page, ContentDbContext db, IContestData contests)
    {
        var now = page.UtcNow;
        var site = page.AbsoluteBaseUrl;
        var pages = await db.Pages.AsNoTracking().Where(p => p.Published).OrderBy(p => p.Slug).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(page.Aborted);
        var news = await db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now).OrderByDescending(p => p.PublishAt)
            .Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(page.Aborted);
        var contestList = await contests.ListContestsAsync(page.Aborted);
        var xml = Xml(writer =>
        {
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            void Url(string path, DateTime? modified)
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", site + path);
                if (modified is { } at)
                {
                    writer.WriteElementString("lastmod", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                writer.WriteEndElement();
            }

            Url("/", null);
            foreach (var p in pages)
            {
                Url($"/{p.Slug}", p.UpdatedAt);
            }

            Url("/tin-tuc", null);
            foreach (var p in news)
            {
                Url($"/tin-tuc/{p.Slug}", p.UpdatedAt);
            }

            Url("/cuoc-thi", null);
            foreach (var c in contestList)
            {
                Url($"/cuoc-thi/{c.Slug}", null);
            }

            Url("/ket-qua", null);
            writer.WriteEndElement();
        });
        http.Response.Headers.CacheControl = "public,max-age=3600";
        return TypedResults.Text(xml, "application/xml; charset=utf-8");
    }

    private static ContentHttpResult TenantRobots(HttpContext http, ITenantContext tenant)
    {
        var baseUrl = http.Request.PathBase.Value ?? string.Empty;
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append(CultureInfo.InvariantCulture, $"Disallow: {baseUrl}/admin\n")
            .Append(CultureInfo.InvariantCulture, $"Disallow: {baseUrl}/api/\n")
            .Append(CultureInfo.InvariantCulture, $"Disallow: {baseUrl}/bai-thi-cua-toi\n")
            .Append(CultureInfo.InvariantCulture, $"Sitemap: {http.Request.Scheme}://{http.Request.Host}{baseUrl}/sitemap.xml\n")
            .ToString();
        return TypedResults.Text(text, "text/plain; charset=utf-8");
    }

    // The host's robots.txt: crawlers read it at the root only, so it names every tenant served under a path prefix.
    private static ContentHttpResult HostRobots(HttpContext http, TenantCatalog catalog)
    {
        var text = new StringBuilder("User-agent: *\nDisallow: /admin\n");
        var tenants = catalog.Current.Tenants.Where(t => t.State == TenantState.Running && t.Prefix.Length > 0).OrderBy(t => t.Prefix, StringComparer.Ordinal).ToList();
        foreach (var tenant in tenants)
        {
            text.Append(CultureInfo.InvariantCulture, $"Disallow: /{tenant.Prefix}/admin\nDisallow: /{tenant.Prefix}/api/\n");
        }

        foreach (var tenant in tenants)
        {
            text.Append(CultureInfo.InvariantCulture, $"Sitemap: {http.Request.Scheme}://{http.Request.Host}/{tenant.Prefix}/sitemap.xml\n");
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static string Date(TenantInfo tenant, DateTime utc) => tenant.ToLocal(utc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Xml(Action<XmlWriter> write)
    {
        var output = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return output.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
