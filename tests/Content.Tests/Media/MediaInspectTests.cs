using System.Buffers.Binary;
using System.Text;
using Content.Media;

namespace Content.Tests.Media;

/// <summary>An upload's type is checked by its first bytes, and an image's size read from its header.</summary>
public sealed class MediaInspectTests
{
    // A real 1×1 RGBA PNG.
    private static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public void Inspect_OnePixelPng_GivesOneByOne()
    {
        var (width, height) = MediaLibrary.Inspect(OnePixelPng, "image/png", "x.png");

        Assert.Equal(1, width);
        Assert.Equal(1, height);
    }

    [Fact]
    public void Inspect_PngHeader_GivesItsWidthAndHeight()
    {
        var (width, height) = MediaLibrary.Inspect(Png(1200, 630), "image/png", "og.png");

        Assert.Equal(1200, width);
        Assert.Equal(630, height);
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("GIF87a")]
    public void Inspect_GifHeader_GivesItsWidthAndHeight(string signature)
    {
        var bytes = new byte[16];
        Encoding.ASCII.GetBytes(signature).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 320);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 200);

        var (width, height) = MediaLibrary.Inspect(bytes, "image/gif", "a.gif");

        Assert.Equal(320, width);
        Assert.Equal(200, height);
    }

    [Fact]
    public void Inspect_JpegWithApp0ThenStartOfFrame_GivesItsWidthAndHeight()
    {
        var (width, height) = MediaLibrary.Inspect(Jpeg(640, 480), "image/jpeg", "a.jpg");

        Assert.Equal(640, width);
        Assert.Equal(480, height);
    }

    [Fact]
    public void Inspect_JpegWithHuffmanTableBeforeTheFrame_SkipsTheTable()
    {
        // A DHT (C4) segment sits in the start-of-frame range but carries no size: it must be skipped, not read.
        var dht = new byte[] { 0xFF, 0xC4, 0x00, 0x06, 0x00, 0x01, 0x02, 0x03 };
        var jpeg = Jpeg(800, 600);
        var bytes = jpeg[..2].Concat(dht).Concat(jpeg[2..]).ToArray();

        var (width, height) = MediaLibrary.Inspect(bytes, "image/jpeg", "a.jpg");

        Assert.Equal(800, width);
        Assert.Equal(600, height);
    }

    [Fact]
    public void Inspect_WebPExtended_GivesItsWidthAndHeight()
    {
        var bytes = new byte[30];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        Encoding.ASCII.GetBytes("WEBPVP8X").CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        WriteUInt24(bytes, 24, 1024 - 1);
        WriteUInt24(bytes, 27, 768 - 1);

        var (width, height) = MediaLibrary.Inspect(bytes, "image/webp", "a.webp");

        Assert.Equal(1024, width);
        Assert.Equal(768, height);
    }

    [Fact]
    public void Inspect_WebPLossless_GivesItsWidthAndHeight()
    {
        var bytes = new byte[30];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        Encoding.ASCII.GetBytes("WEBPVP8L").CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        bytes[20] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), (uint)((300 - 1) | ((150 - 1) << 14)));

        var (width, height) = MediaLibrary.Inspect(bytes, "image/webp", "a.webp");

        Assert.Equal(300, width);
        Assert.Equal(150, height);
    }

    [Fact]
    public void Inspect_WebPLossy_GivesItsWidthAndHeight()
    {
        var bytes = new byte[30];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        Encoding.ASCII.GetBytes("WEBPVP8 ").CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        bytes[23] = 0x9D;
        bytes[24] = 0x01;
        bytes[25] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), 640);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), 360);

        var (width, height) = MediaLibrary.Inspect(bytes, "image/webp", "a.webp");

        Assert.Equal(640, width);
        Assert.Equal(360, height);
    }

    [Fact]
    public void Inspect_Pdf_GivesNoSize()
    {
        var (width, height) = MediaLibrary.Inspect("%PDF-1.7\n%âãÏÓ\n"u8.ToArray(), "application/pdf", "the-le.pdf");

        Assert.Null(width);
        Assert.Null(height);
    }

    [Fact]
    public void Inspect_TextNamedPng_IsRefusedNamingTheFile()
    {
        var text = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html> and some more text to be long enough");

        var error = Assert.Throws<MediaException>(() => MediaLibrary.Inspect(text, "image/png", "anh.png"));

        Assert.Contains("anh.png", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/gif")]
    [InlineData("image/webp")]
    public void Inspect_PngBytesUnderAnotherImageType_IsRefused(string type)
    {
        Assert.Throws<MediaException>(() => MediaLibrary.Inspect(OnePixelPng, type, "x"));
    }

    [Fact]
    public void Inspect_PdfNotStartingWithSignature_IsRefused()
    {
        var bytes = Encoding.ASCII.GetBytes("MZ\x90\0 not a pdf %PDF-1.7");

        var error = Assert.Throws<MediaException>(() => MediaLibrary.Inspect(bytes, "application/pdf", "tai-lieu.pdf"));

        Assert.Contains("tai-lieu.pdf", error.Message, StringComparison.Ordinal);
        Assert.Contains("%PDF-", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MediaLibrary.MaxImageSide + 1, 100)]
    [InlineData(100, MediaLibrary.MaxImageSide + 1)]
    [InlineData(0, 100)]
    public void Inspect_ImageSideOutOfRange_IsRefused(int width, int height)
    {
        Assert.Throws<MediaException>(() => MediaLibrary.Inspect(Png(width, height), "image/png", "big.png"));
    }

    [Fact]
    public void Inspect_ImageSideAtTheLimit_IsAccepted()
    {
        var (width, height) = MediaLibrary.Inspect(Png(MediaLibrary.MaxImageSide, MediaLibrary.MaxImageSide), "image/png", "max.png");

        Assert.Equal(MediaLibrary.MaxImageSide, width);
        Assert.Equal(MediaLibrary.MaxImageSide, height);
    }

    [Fact]
    public void Inspect_TruncatedPng_IsRefused()
    {
        Assert.Throws<MediaException>(() => MediaLibrary.Inspect(OnePixelPng.AsSpan(0, 20), "image/png", "cut.png"));
    }

    private static byte[] Png(int width, int height)
    {
        var bytes = OnePixelPng.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    private static byte[] Jpeg(int width, int height)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        // APP0 (JFIF), 16 bytes of segment.
        bytes.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        // SOF0: length 17, precision 8, height, width, 3 components.
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    private static void WriteUInt24(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)value;
        bytes[offset + 1] = (byte)(value >> 8);
        bytes[offset + 2] = (byte)(value >> 16);
    }
}
