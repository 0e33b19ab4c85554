using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Core.Theming;
using QRCoder;

namespace Content.Site;

/// <summary>
/// What organisers hand out: a QR code of a link of the site (printed on posters and sent in Zalo groups) and an
/// embeddable banner, an HTML snippet with inline styles (no script, no outside file) for department portals.
/// </summary>
internal static class ShareLinks
{
    public static void MapShareLinks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/qr.png", QrAsync).WithName("QrCode").CacheAsPublicPage();

    /// <summary>The PNG of a QR code for <paramref name="text"/> (error correction M: survives a smudged print).</summary>
    public static byte[] QrPng(string text, int pixelsPerModule)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The banner snippet linking to <paramref name="url"/>.</summary>
    public static string BannerHtml(string url, string title, string? subtitle, string action)
    {
        // UTF-8 letters stay as they are, so the snippet reads right to the person who copies it.
        static string E(string text) => ThemeRenderer.Encoder.Encode(text);
        var href = E(url);
        return $"""
            <a href="{href}" target="_blank" rel="noopener" style="display:block;max-width:640px;padding:16px 20px;border-radius:10px;background:#0b6e4f;color:#fff;text-decoration:none;font-family:Arial,Helvetica,sans-serif;line-height:1.35">
              <span style="display:block;font-size:18px;font-weight:bold">{E(title)}</span>
            {(string.IsNullOrWhiteSpace(subtitle) ? string.Empty : $"  <span style=\"display:block;margin-top:6px;font-size:14px\">{E(subtitle)}</span>\n")}  <span style="display:inline-block;margin-top:10px;padding:6px 14px;border-radius:6px;background:#ffd166;color:#1b1b1b;font-weight:bold;font-size:14px">{E(action)}</span>
            </a>
            """;
    }

    // The QR code of a path inside the tenant (default: its home); never of another site.
    private static IResult QrAsync(string? path, int? size, [AsParameters] PageRequest page)
    {
        var target = string.IsNullOrEmpty(path) ? "/" : path;
        if (!target.StartsWith('/') || target.StartsWith("//", StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal) || target.Length > 300)
        {
            return TypedResults.Problem("Tham số 'path' phải là đường dẫn trong trang, ví dụ /cuoc-thi.", statusCode: StatusCodes.Status400BadRequest);
        }

        var png = QrPng(page.AbsoluteBaseUrl + (target == "/" ? "/" : target), Math.Clamp(size ?? 10, 2, 40));
        page.Http.Response.Headers.CacheControl = "public,max-age=86400";
        return TypedResults.File(png, "image/png", $"qr{(target == "/" ? string.Empty : "-" + Publishing.ContentHtml.Slugify(target))}.png");
    }
}
