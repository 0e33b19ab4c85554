using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Core.Localization;
using Quiz.Questions.Sheets;

namespace Quiz.Pages.Admin.Questions;

/// <summary>
/// Keeps an uploaded sheet between the preview and the confirmation of an import: a file under
/// <c>{data path}/imports/{tenant id}</c> named by a random token, so the confirmation reads exactly the file
/// that was previewed (and checks it again). Files older than a day are removed at the next upload.
/// </summary>
internal sealed partial class ImportUploads(string dataPath, string tenantId, TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    // Room for the multipart envelope and the form's other fields around the file itself.
    private const long FormOverheadBytes = 1024 * 1024;

    private string Folder => Path.Combine(dataPath, "imports", tenantId);

    /// <summary>Why <paramref name="file"/> cannot be imported before it is even read, or null: missing, empty, another type, too big.</summary>
    public static string? Check(IFormFile? file, long maxBytes, AdminText t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (file is null || file.Length == 0)
        {
            return t["Chọn một tệp .xlsx hoặc .csv để tải lên."];
        }

        if (SheetFile.FormatOf(file.FileName) is null)
        {
            var extension = Path.GetExtension(file.FileName);
            return extension.Length > 0
                ? t.F("Chỉ nhận tệp .xlsx hoặc .csv (tệp này có đuôi '{0}'). Trong Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx).", extension)
                : t["Chỉ nhận tệp .xlsx hoặc .csv (tệp này không có đuôi)."];
        }

        return file.Length > maxBytes ? t.F("Tệp lớn hơn giới hạn {0}.", FormatBytes(maxBytes)) : null;
    }

    /// <summary>Lets the request carry a file up to <paramref name="maxBytes"/> (the server's own limit may be lower or higher); call before the form is read.</summary>
    public static void AllowBody(HttpContext context, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        }
    }

    /// <summary>A limit as people read it: "10 MB".</summary>
    public static string FormatBytes(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} byte");

    /// <summary>The name to show for an uploaded file: its name without any folder.</summary>
    public static string DisplayName(string? fileName, string token) =>
        string.IsNullOrWhiteSpace(fileName) || SheetFile.FormatOf(fileName) != SheetFile.FormatOf(token) ? token : Path.GetFileName(fileName.Trim());

    /// <summary>Stores the upload; returns its token (a random name with the file's extension).</summary>
    public async Task<string> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Directory.CreateDirectory(Folder);
        RemoveOld();
        var token = Guid.NewGuid().ToString("N") + Path.GetExtension(file.FileName).ToLowerInvariant();
        await using var target = new FileStream(Path.Combine(Folder, token), FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, cancellationToken);
        return token;
    }

    /// <summary>Opens a stored upload, or null when the token is malformed or the file is gone (confirmed already, or expired).</summary>
    public FileStream? Open(string? token)
    {
        if (token is null || !TokenPattern().IsMatch(token))
        {
            return null;
        }

        try
        {
            return new FileStream(Path.Combine(Folder, token), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes a stored upload (after its import, or when its preview found errors).</summary>
    public void Delete(string? token)
    {
        if (token is not null && TokenPattern().IsMatch(token))
        {
            File.Delete(Path.Combine(Folder, token));
        }
    }

    private void RemoveOld()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // Being read by a confirmation right now: the next upload removes it.
                }
            }
        }
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\.(xlsx|csv)\z")]
    private static partial Regex TokenPattern();
}
