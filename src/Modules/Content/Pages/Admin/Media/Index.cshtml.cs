using Content.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Audit;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.Media;

/// <summary>
/// The media library: upload images and PDF files (checked by <see cref="MediaLibrary"/>), list them with the address
/// to paste into a page, delete. The body limits are on the class: Razor Pages apply filters of the page model only.
/// </summary>
[Authorize(Policy = ContentModule.ManageContent)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
internal sealed class IndexModel(MediaLibrary media, ITenantContext tenant, AdminText t) : PageModel
{
    /// <summary>Largest request: a few files at once, each checked against its own limit.</summary>
    public const int MaxRequestBytes = 25 * 1024 * 1024;

    public sealed record Row(string FileName, string ContentType, string Kind, bool IsImage, string Size, string? Dimensions, string UploadedAt, string UploadedBy);

    public List<Row> Rows { get; } = [];

    public string Zone => tenant.Tenant!.TimeZone;

    public List<string> Errors { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public static string MaxImage => $"{MediaLibrary.MaxImageBytes / (1024 * 1024)} MB";

    public static string MaxPdf => $"{MediaLibrary.MaxPdfBytes / (1024 * 1024)} MB";

    public static string Accept => string.Join(',', MediaLibrary.Types.Keys);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> uploads, CancellationToken cancellationToken)
    {
        if (uploads.Count == 0)
        {
            Errors.Add(t["Hãy chọn ít nhất một tệp để tải lên."]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var saved = new List<string>();
        foreach (var upload in uploads)
        {
            var name = Path.GetFileName(upload.FileName);
            try
            {
                await using var stream = upload.OpenReadStream();
                var row = await media.SaveAsync(name, stream, AuditLog.ActorOf(User), cancellationToken);
                saved.Add(row.FileName);
            }
            catch (MediaException e)
            {
                Errors.Add(e.Message.StartsWith(name, StringComparison.Ordinal) ? e.Message : $"{name}: {e.Message}");
            }
        }

        if (Errors.Count > 0)
        {
            Message = saved.Count > 0 ? t.F("Đã tải lên {0}.", string.Join(", ", saved)) : null;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = t.F("Đã tải lên {0}. Địa chỉ để chèn vào trang: {1}", string.Join(", ", saved), string.Join(", ", saved.Select(s => "~/media/" + s)));
        return Redirect($"{Request.PathBase}/admin/content/media");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? file, CancellationToken cancellationToken)
    {
        Message = !string.IsNullOrEmpty(file) && await media.DeleteAsync(file, Platform.Core.Audit.AuditLog.ActorOf(User), cancellationToken)
            ? t.F("Đã xoá {0}. Trang, tin nào còn dùng ~/media/{0} sẽ không hiện được tệp này.", file)
            : t.F("Không còn tệp {0}.", file);
        return Redirect($"{Request.PathBase}/admin/content/media");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var file in await media.ListAsync(cancellationToken))
        {
            var image = file.ContentType.StartsWith("image/", StringComparison.Ordinal);
            Rows.Add(new Row(
                file.FileName,
                file.ContentType,
                image ? t.F("Ảnh {0}", file.ContentType["image/".Length..].ToUpperInvariant()) : "PDF",
                image,
                $"{Math.Max(1, (file.Length + 1023) / 1024):N0} KB",
                file.Width is { } w && file.Height is { } h ? $"{w}×{h}" : null,
                ContentAdmin.Time(tenant.Tenant!, file.UploadedAt),
                file.UploadedBy));
        }
    }
}
