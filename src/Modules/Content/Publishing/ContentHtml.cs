using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Content.Data;
using Ganss.Xss;
using Markdig;

namespace Content.Publishing;

/// <summary>
/// Turns an editor's body into the HTML the site shows: Markdown is rendered first, then everything is sanitized
/// (scripts, event-handler attributes, <c>javascript:</c> addresses, frames and forms are removed). This runs when a body
/// is saved, so pages are served from the sanitized form without paying for it on every request.
/// Links and images inside the site are written <c>~/path</c> and resolved against the tenant's base path when shown.
/// </summary>
public static partial class ContentHtml
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>The rendered, sanitized HTML of a body.</summary>
    public static string Render(BodyFormat format, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var html = format == BodyFormat.Markdown ? Markdig.Markdown.ToHtml(body, Markdown) : body;
        // Markdown escapes "~" in addresses; keep the site-relative form so ResolveLinks finds it.
        return CreateSanitizer().Sanitize(html).Trim()
            .Replace("href=\"%7E/", "href=\"~/", StringComparison.Ordinal)
            .Replace("src=\"%7E/", "src=\"~/", StringComparison.Ordinal);
    }

    /// <summary>Resolves <c>~/</c> addresses in sanitized HTML against <paramref name="baseUrl"/>.</summary>
    public static string ResolveLinks(string html, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Replace("href=\"~/", $"href=\"{baseUrl}/", StringComparison.Ordinal).Replace("src=\"~/", $"src=\"{baseUrl}/", StringComparison.Ordinal);
    }

    /// <summary>Resolves one address: <c>~/x</c> against the base path; others stay as they are.</summary>
    public static string ResolveUrl(string url, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith("~/", StringComparison.Ordinal) ? baseUrl + url[1..] : url;
    }

    /// <summary>Plain text of sanitized HTML (for descriptions and feeds), cut at <paramref name="max"/> characters on a word.</summary>
    public static string PlainText(string html, int max)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = System.Net.WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    /// <summary>An address segment from a Vietnamese title: "Thể lệ cuộc thi" → <c>the-le-cuoc-thi</c>.</summary>
    public static string Slugify(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var decomposed = title.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var slug = Hyphens().Replace(builder.ToString(), "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    /// <summary>Whether a slug is lower-case letters, digits and single hyphens.</summary>
    public static bool IsSlug(string? slug) => slug is { Length: > 0 and <= 120 } && SlugPattern().IsMatch(slug);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAttributes.Remove("style");
        return sanitizer;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Hyphens();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
