using System.Buffers.Binary;
using Extractor.Ingest;
using Extractor.Ocr.Native;

namespace Extractor.Ocr;

/// <summary>Image formats we read as pages, by their first bytes.</summary>
public enum ImageKind { None, Png, Jpeg, Tiff, Jpeg2000, Bmp, Pnm, WebP, Gif }

/// <summary>One page of an image file: the file and, for a TIFF, the page's index in it.</summary>
public readonly record struct ImagePage(string Path, ImageKind Kind, int TiffIndex);

/// <summary>Recognises image files and loads their pages into Leptonica images.</summary>
public static class PageImages
{
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".jp2", ".j2k", ".bmp", ".pbm", ".pgm", ".ppm", ".pnm", ".webp", ".gif"];

    public static bool HasImageExtension(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The image format from the first bytes; BMP and PNM only with their extension (their magic bytes are ordinary text).</summary>
    public static ImageKind Detect(ReadOnlySpan<byte> head, string? path = null)
    {
        string ext = path is null ? "" : Path.GetExtension(path).ToLowerInvariant();
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ImageKind.Png;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ImageKind.Jpeg;
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return ImageKind.Tiff;
        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || (head.Length >= 4 && head[0] == 0xFF && head[1] == 0x4F && head[2] == 0xFF && head[3] == 0x51)) return ImageKind.Jpeg2000;
        if (head.StartsWith("BM"u8) && ext == ".bmp") return ImageKind.Bmp;
        if (ext is ".pbm" or ".pgm" or ".ppm" or ".pnm" && head.Length >= 3 && head[0] == (byte)'P' && head[1] >= (byte)'1' && head[1] <= (byte)'6' && head[2] is (byte)'\n' or (byte)' ' or (byte)'\r' or (byte)'\t') return ImageKind.Pnm;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ImageKind.WebP;
        if (head.StartsWith("GIF8"u8)) return ImageKind.Gif;
        return ImageKind.None;
    }

    /// <summary>The pages of an image file: one, or one per TIFF directory. Fails with an <see cref="InputException"/> for a file that is not an image we read.</summary>
    public static List<ImagePage> PagesOf(string path)
    {
        byte[] head = new byte[16];
        int n;
        using (var fs = File.OpenRead(path)) n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n == 0) throw new InputException(InputErrorReason.Empty, "empty image file");
        var kind = Detect(head.AsSpan(0, n), path);
        if (kind == ImageKind.None) throw new InputException(InputErrorReason.Corrupt, $"not an image Leptonica reads (corrupt, or not {Path.GetExtension(path).TrimStart('.').ToUpperInvariant()})");
        if (kind != ImageKind.Tiff) return [new ImagePage(path, kind, 0)];
        int count = TiffPageCount(path);
        if (count == 0) throw new InputException(InputErrorReason.Corrupt, "TIFF file without pages (corrupt)");
        return Enumerable.Range(0, count).Select(i => new ImagePage(path, kind, i)).ToList();
    }

    /// <summary>Loads a page; the caller disposes it.</summary>
    public static PixHandle Load(ImagePage page)
    {
        var pix = page.Kind == ImageKind.Tiff ? Leptonica.pixReadTiff(page.Path, page.TiffIndex) : Leptonica.pixRead(page.Path);
        if (pix.IsInvalid)
        {
            pix.Dispose();
            string what = page.Kind == ImageKind.Tiff ? $"page {page.TiffIndex + 1} of the TIFF" : $"the {page.Kind.ToString().ToUpperInvariant()} image";
            throw new InputException(InputErrorReason.Corrupt, $"cannot decode {what} (corrupt or truncated file)");
        }
        return pix;
    }

    /// <summary>Decodes an image held in memory (PNG, JPEG, JPEG 2000, TIFF, ...); the caller disposes it.</summary>
    public static PixHandle Load(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.IsEmpty) throw new InputException(InputErrorReason.Corrupt, $"{what}: no image data");
        var pix = Leptonica.pixReadMem(bytes, (nuint)bytes.Length);
        if (pix.IsInvalid)
        {
            pix.Dispose();
            throw new InputException(InputErrorReason.Corrupt, $"{what}: cannot decode the image data");
        }
        return pix;
    }

    /// <summary>Fails when a decoded image is above the pixel limit (headers can lie or be absent, e.g. inside a PDF).</summary>
    public static void CheckPixels(PixHandle pix, InputLimits limits, string what) => CheckPixels((long)pix.Width * pix.Height, limits, what);

    public static void CheckPixels(long pixels, InputLimits limits, string what)
    {
        if (pixels > limits.MaxPixels)
            throw new InputException(InputErrorReason.TooManyPixels, $"{what}: {pixels / 1e6:N1} million pixels, above the limit of {limits.MaxPixels / 1e6:N1} million (--max-pixels)");
    }

    /// <summary>Number of images (IFDs) in a TIFF file, counted by following the IFD chain.</summary>
    public static int TiffPageCount(string path)
    {
        using var fs = File.OpenRead(path);
        Span<byte> b = stackalloc byte[16];
        if (fs.ReadAtLeast(b[..8], 8, throwOnEndOfStream: false) < 8) return 0;
        bool little = b[0] == (byte)'I';
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        long offset = U32(b[4..8]);
        var seen = new HashSet<long>();
        int count = 0;
        while (offset > 0 && offset + 2 <= fs.Length && seen.Add(offset) && count < 100_000)
        {
            fs.Position = offset;
            if (fs.ReadAtLeast(b[..2], 2, throwOnEndOfStream: false) < 2) break;
            int entries = U16(b[..2]);
            fs.Position = offset + 2 + 12L * entries;
            if (fs.ReadAtLeast(b[..4], 4, throwOnEndOfStream: false) < 4) { count++; break; }
            count++;
            offset = U32(b[..4]);
        }
        return count;
    }
}
