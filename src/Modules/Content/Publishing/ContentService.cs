using Content.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Publishing;

/// <summary>A page or post that cannot be saved: the field at fault and why.</summary>
public sealed class ContentValidationException(string field, string message) : Exception(message)
{
    /// <summary>The field at fault.</summary>
    public string Field { get; } = field;
}

/// <summary>What an editor submits for a page.</summary>
public sealed record PageInput(string Slug, string Title, string? Description, BodyFormat Format, string Body, bool Published);

/// <summary>What an editor submits for a news post. <paramref name="PublishAt"/> null keeps it a draft.</summary>
public sealed record NewsInput(string Slug, string Title, string Summary, string? Cover, BodyFormat Format, string Body, DateTime? PublishAt);

/// <summary>A menu link as an editor writes it.</summary>
public sealed record MenuInput(string Title, string Url);

/// <summary>
/// Saves pages, news and the menu of the current tenant: checks the fields, renders and sanitizes bodies, writes an audit
/// entry and drops the tenant's cached pages so the change is live for the next visitor.
/// </summary>
public sealed class ContentService(ContentDbContext db, AuditLog audit, SiteCache cache, ITenantContext tenant, TimeProvider clock, EndpointDataSource endpoints)
{
    /// <summary>Saves a page (a new one when <paramref name="id"/> is null); returns its id.</summary>
    public async Task<long> SavePageAsync(long? id, PageInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slug = input.Slug.Trim();
        CheckSlug(slug);
        if (IsRouteTaken(slug))
        {
            throw new ContentValidationException("slug", $"Địa chỉ '{slug}' trùng với một trang có sẵn của hệ thống; hãy chọn địa chỉ khác.");
        }

        CheckText("title", input.Title, 200);
        CheckLength("description", input.Description, 300);
        var page = id is null ? new ContentPage() : await db.Pages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new ContentValidationException("id", "Trang không còn tồn tại.");
        if (await db.Pages.AnyAsync(p => p.Slug == slug && p.Id != page.Id, cancellationToken))
        {
            throw new ContentValidationException("slug", $"Đã có trang với địa chỉ '{slug}'.");
        }

        var before = id is null ? null : new { page.Slug, page.Title, page.Published, page.Body };
        page.Slug = slug;
        page.Title = input.Title.Trim();
        page.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        page.Format = input.Format;
        page.Body = input.Body;
        page.Html = ContentHtml.Render(input.Format, input.Body);
        page.Published = input.Published;
        page.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        page.UpdatedBy = actor;
        if (id is null)
        {
            db.Pages.Add(page);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, id is null ? "page.create" : "page.edit", $"page:{slug}", Json(before), Json(new { page.Slug, page.Title, page.Published, page.Body }), cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
        return page.Id;
    }

    /// <summary>Deletes a page.</summary>
    public async Task DeletePageAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var page = await db.Pages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return;
        }

        db.Pages.Remove(page);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "page.delete", $"page:{page.Slug}", Json(new { page.Slug, page.Title, page.Body }), null, cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
    }

    /// <summary>Saves a news post (a new one when <paramref name="id"/> is null); returns its id.</summary>
    public async Task<long> SaveNewsAsync(long? id, NewsInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slug = input.Slug.Trim();
        CheckSlug(slug);
        CheckText("title", input.Title, 200);
        CheckText("summary", input.Summary, 500);
        var cover = string.IsNullOrWhiteSpace(input.Cover) ? null : input.Cover.Trim();
        if (cover is not null && !await db.Media.AnyAsync(m => m.FileName == cover && m.ContentType.StartsWith("image/"), cancellationToken))
        {
            throw new ContentValidationException("cover", $"Ảnh bìa '{cover}' không có trong thư viện ảnh.");
        }

        var post = id is null ? new NewsPost() : await db.News.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new ContentValidationException("id", "Tin không còn tồn tại.");
        if (await db.News.AnyAsync(p => p.Slug == slug && p.Id != post.Id, cancellationToken))
        {
            throw new ContentValidationException("slug", $"Đã có tin với địa chỉ '{slug}'.");
        }

        var before = id is null ? null : new { post.Slug, post.Title, post.PublishAt, post.Body };
        post.Slug = slug;
        post.Title = input.Title.Trim();
        post.Summary = input.Summary.Trim();
        post.Cover = cover;
        post.Format = input.Format;
        post.Body = input.Body;
        post.Html = ContentHtml.Render(input.Format, input.Body);
        post.PublishAt = input.PublishAt;
        post.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        post.UpdatedBy = actor;
        if (id is null)
        {
            db.News.Add(post);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, id is null ? "news.create" : "news.edit", $"news:{slug}", Json(before), Json(new { post.Slug, post.Title, post.PublishAt, post.Body }), cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
        return post.Id;
    }

    /// <summary>Deletes a news post.</summary>
    public async Task DeleteNewsAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var post = await db.News.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return;
        }

        db.News.Remove(post);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "news.delete", $"news:{post.Slug}", Json(new { post.Slug, post.Title, post.Body }), null, cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
    }

    /// <summary>Replaces the whole menu.</summary>
    public async Task SaveMenuAsync(IReadOnlyList<MenuInput> links, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        for (var i = 0; i < links.Count; i++)
        {
            CheckText($"menu[{i + 1}].title", links[i].Title, 100);
            var url = links[i].Url.Trim();
            if (!(url.StartsWith("~/", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal))
                || url.Length > 500 || url.Any(char.IsWhiteSpace))
            {
                throw new ContentValidationException($"menu[{i + 1}].url", $"Liên kết thứ {i + 1} ('{url}') phải bắt đầu bằng ~/ (trong trang) hoặc http(s)://, không có khoảng trắng.");
            }
        }

        var before = await db.Menu.OrderBy(m => m.Position).Select(m => new MenuInput(m.Title, m.Url)).ToListAsync(cancellationToken);
        db.Menu.RemoveRange(await db.Menu.ToListAsync(cancellationToken));
        db.Menu.AddRange(links.Select((l, i) => new MenuItem { Position = i + 1, Title = l.Title.Trim(), Url = l.Url.Trim() }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "menu.edit", "menu", Json(before), Json(links), cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
    }

    private static string? Json(object? value) => value is null ? null : System.Text.Json.JsonSerializer.Serialize(value, AuditJson);

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void CheckSlug(string slug)
    {
        if (!ContentHtml.IsSlug(slug))
        {
            throw new ContentValidationException("slug", $"Địa chỉ '{slug}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: the-le).");
        }
    }

    private static void CheckText(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ContentValidationException(field, $"{Label(field)} không được để trống.");
        }

        CheckLength(field, value, max);
    }

    private static void CheckLength(string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            throw new ContentValidationException(field, $"{Label(field)} dài hơn {max} ký tự.");
        }
    }

    private static string Label(string field) => field switch
    {
        "title" => "Tiêu đề",
        "description" => "Mô tả",
        "summary" => "Tóm tắt",
        _ when field.EndsWith(".title", StringComparison.Ordinal) => $"Tiêu đề liên kết thứ {field[5..field.IndexOf(']', StringComparison.Ordinal)]}",
        _ => field,
    };

    // A page lives at {t}/{slug}; a slug that is the first literal segment of another route would never be reached.
    private bool IsRouteTaken(string slug) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().Any(e =>
            e.RoutePattern.PathSegments is [var first, ..] && first.Parts is [RoutePatternLiteralPart literal]
            && string.Equals(literal.Content, slug, StringComparison.OrdinalIgnoreCase));
}
