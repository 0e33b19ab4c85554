using Platform.Core.Data;

namespace Content.Data;

/// <summary>How an editor wrote a body. Either way the stored HTML is the sanitized rendering.</summary>
public enum BodyFormat
{
    /// <summary>Markdown (CommonMark with pipe tables).</summary>
    Markdown,

    /// <summary>Rich HTML from the editor.</summary>
    Html,
}

/// <summary>A page of the site (Giới thiệu, Thể lệ, ...), at <c>{t}/{slug}</c>.</summary>
public sealed class ContentPage : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Address segment: lower-case letters, digits and hyphens.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Description for search engines and shared links.</summary>
    public string? Description { get; set; }

    /// <summary>How the body was written.</summary>
    public BodyFormat Format { get; set; }

    /// <summary>The body as the editor wrote it.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>The body rendered and sanitized when saved: what the site shows.</summary>
    public string Html { get; set; } = string.Empty;

    /// <summary>Shown on the site (a hidden page is a draft).</summary>
    public bool Published { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who made it.</summary>
    public string UpdatedBy { get; set; } = string.Empty;
}

/// <summary>A news post, at <c>{t}/tin-tuc/{slug}</c>: a draft until it has a publication time, scheduled until then.</summary>
public sealed class NewsPost : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Address segment.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>One or two sentences for lists, feeds and shared links.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>File name of the cover image in the media library, or null.</summary>
    public string? Cover { get; set; }

    /// <summary>How the body was written.</summary>
    public BodyFormat Format { get; set; }

    /// <summary>The body as the editor wrote it.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>The body rendered and sanitized when saved.</summary>
    public string Html { get; set; } = string.Empty;

    /// <summary>When it goes live (UTC); null for a draft.</summary>
    public DateTime? PublishAt { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who made it.</summary>
    public string UpdatedBy { get; set; } = string.Empty;
}

/// <summary>A file of the media library (image or PDF), stored under <c>{DataPath}/media/{tenant id}/</c>.</summary>
public sealed class MediaFile : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>File name, unique in the tenant: lower-case letters, digits, hyphens and one extension.</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>MIME type, checked against the file's first bytes.</summary>
    public string ContentType { get; set; } = string.Empty;

    /// <summary>Size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>Image width in pixels (null for PDF).</summary>
    public int? Width { get; set; }

    /// <summary>Image height in pixels (null for PDF).</summary>
    public int? Height { get; set; }

    /// <summary>SHA-256 of the content, hex; also the ETag.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>When uploaded (UTC).</summary>
    public DateTime UploadedAt { get; set; }

    /// <summary>Who uploaded it.</summary>
    public string UploadedBy { get; set; } = string.Empty;
}

/// <summary>A link of the site menu.</summary>
public sealed class MenuItem : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Position, ascending.</summary>
    public int Position { get; set; }

    /// <summary>Link text.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Address: <c>~/path</c> inside the site, or an absolute http(s) address.</summary>
    public string Url { get; set; } = string.Empty;
}

/// <summary>
/// A tenant's own version of a theme template. <see cref="Draft"/> is what the editor saved and previews;
/// <see cref="Source"/> is live. Both are parsed before they are stored.
/// </summary>
public sealed class TemplateOverride : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Template name (<c>Layout</c>, <c>Home</c>, ...).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The live source, or null while only a draft exists.</summary>
    public string? Source { get; set; }

    /// <summary>The draft being previewed, or null.</summary>
    public string? Draft { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who made it.</summary>
    public string UpdatedBy { get; set; } = string.Empty;
}
