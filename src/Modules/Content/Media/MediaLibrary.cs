using System.Buffers.Binary;
using System.Security.Cryptography;
using Content.Data;
using Content.Publishing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;
using Platform.Core.Tenancy;

namespace Content.Media;

/// <summary>An upload that cannot be taken; the message says what and which file.</summary>
public sealed class MediaException(string message) : Exception(message);

/// <summary>
/// The tenant's images and PDFs. An upload is checked before anything is kept: the type by its first bytes (not only its
/// name), the size, and an image's dimensions. Files live under <c>{DataPath}/media/{tenant id}/</c>, written to a
/// temporary name and moved into place, so a failed upload leaves nothing behind.
/// </summary>
public sealed class MediaLibrary(ContentDbContext db, DatabaseLocator locator, ITenantContext tenant, TimeProvider clock, Platform.Core.Audit.AuditLog audit, Platform.Core.Theming.SiteCache cache)
{
    /// <summary>Largest image accepted.</summary>
    public const long MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>Largest PDF accepted.</summary>
    public const long MaxPdfBytes = 20 * 1024 * 1024;

    /// <summary>Largest image side in pixels.</summary>
    public const int MaxImageSide = 6000;

    /// <summary>Extensions accepted, with their type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
    };

    /// <summary>The folder of the current tenant's files.</summary>
    public string Folder => Path.Combine(locator.DataPath, "media", tenant.TenantId);

    /// <summary>Checks and stores an upload; returns the stored row (its file name may differ from the upload's).</summary>
    public async Task<MediaFile> SaveAsync(string originalName, Stream content, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(originalName);
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(originalName).ToLowerInvariant();
        if (!Types.TryGetValue(extension, out var type))
        {
            throw new MediaException($"{originalName}: chỉ nhận ảnh PNG, JPEG, GIF, WebP hoặc tệp PDF (không nhận '{extension}').");
        }

        var limit = type == "application/pdf" ? MaxPdfBytes : MaxImageBytes;
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, limit, originalName, cancellationToken);
        var bytes = buffer.ToArray();
        var (width, height) = Inspect(bytes, type, originalName);

        var stem = ContentHtml.Slugify(Path.GetFileNameWithoutExtension(originalName));
        var name = await FreeNameAsync(stem.Length == 0 ? "tep" : stem, extension == ".jpeg" ? ".jpg" : extension, cancellationToken);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        var temporary = path + ".upload";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        var row = new MediaFile
        {
            FileName = name,
            ContentType = type,
            Length = bytes.Length,
            Width = width,
            Height = height,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = by,
        };
        try
        {
            File.Move(temporary, path, overwrite: true);
            db.Media.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            File.Delete(temporary);
            File.Delete(path);
            throw;
        }

        await audit.WriteAsync(by, "media.upload", $"media:{name}", null, $"{type}, {bytes.Length} bytes, sha256 {row.Sha256}", cancellationToken);
        return row;
    }

    /// <summary>The file's row and full path, or null when the tenant has no such file.</summary>
    public async Task<(MediaFile File, string Path)?> FindAsync(string fileName, CancellationToken cancellationToken)
    {
        var row = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.FileName == fileName, cancellationToken);
        return row is null ? null : (row, Path.Combine(Folder, row.FileName));
    }

    /// <summary>Every file, newest first.</summary>
    public Task<List<MediaFile>> ListAsync(CancellationToken cancellationToken) =>
        db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).ToListAsync(cancellationToken);

    /// <summary>Removes a file.</summary>
    public async Task<bool> DeleteAsync(string fileName, string by, CancellationToken cancellationToken)
    {
        var row = await db.Media.FirstOrDefaultAsync(m => m.FileName == fileName, cancellationToken);
        if (row is null)
        {
            return false;
        }

        db.Media.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        File.Delete(Path.Combine(Folder, row.FileName));
        await audit.WriteAsync(by, "media.delete", $"media:{fileName}", $"{row.ContentType}, {row.Length} bytes, sha256 {row.Sha256}", null, cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
        return true;
    }

    /// <summary>Width and height of an image (null for a PDF); throws when the content is not what the name says.</summary>
    public static (int? Width, int? Height) Inspect(ReadOnlySpan<byte> bytes, string type, string name)
    {
        if (type == "application/pdf")
        {
            return bytes.StartsWith("%PDF-"u8) ? (null, null) : throw new MediaException($"{name}: không phải tệp PDF (nội dung không bắt đầu bằng %PDF-).");
        }

        var size = type switch
        {
            "image/png" => Png(bytes),
            "image/jpeg" => Jpeg(bytes),
            "image/gif" => Gif(bytes),
            "image/webp" => WebP(bytes),
            _ => null,
        };
        if (size is not var (width, height))
        {
            throw new MediaException($"{name}: nội dung không phải ảnh {type["image/".Length..].ToUpperInvariant()} hợp lệ.");
        }

        if (width < 1 || height < 1 || width > MaxImageSide || height > MaxImageSide)
        {
            throw new MediaException($"{name}: ảnh {width}×{height} điểm ảnh; mỗi chiều phải từ 1 đến {MaxImageSide}.");
        }

        return (width, height);
    }

    private static (int, int)? Png(ReadOnlySpan<byte> b) =>
        b.Length >= 24 && b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && b[12..16].SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]))
            : null;

    private static (int, int)? Gif(ReadOnlySpan<byte> b) =>
        b.Length >= 10 && (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
            ? (BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]))
            : null;

    private static (int, int)? Jpeg(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8)
        {
            return null;
        }

        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }

            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic) share the range but do not.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> b)
    {
        if (b.Length < 30 || !b.StartsWith("RIFF"u8) || !b[8..12].SequenceEqual("WEBP"u8))
        {
            return null;
        }

        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16)));
        }

        if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        }

        return null;
    }

    private static async Task CopyLimitedAsync(Stream from, MemoryStream to, long limit, string name, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (to.Length + read > limit)
            {
                throw new MediaException($"{name}: tệp lớn hơn {limit / (1024 * 1024)} MB.");
            }

            to.Write(chunk, 0, read);
        }

        if (to.Length == 0)
        {
            throw new MediaException($"{name}: tệp rỗng.");
        }
    }

    private async Task<string> FreeNameAsync(string stem, string extension, CancellationToken cancellationToken)
    {
        var taken = await db.Media.Where(m => m.FileName.StartsWith(stem)).Select(m => m.FileName).ToListAsync(cancellationToken);
        var name = stem + extension;
        for (var n = 2; taken.Contains(name, StringComparer.Ordinal); n++)
        {
            name = $"{stem}-{n}{extension}";
        }

        return name;
    }
}
