using System.Buffers.Binary;

namespace Extractor.Ingest;

/// <summary>Size of an image read from its header alone (no decoding), to refuse huge images before any allocation.</summary>
public readonly record struct ImageSize(string Format, long Width, long Height, int Pages)
{
    public long Pixels => Width * Height;
}

/// <summary>
/// Reads width and height from the headers of PNG, JPEG, GIF, BMP, TIFF (every page), WebP and PNM files.
/// Returns null when the bytes are not one of these formats; throws <see cref="InputException"/> (corrupt) when they
/// start like one but the header is broken.
/// </summary>
public static class ImageHeader
{
    public static bool LooksLikeImage(ReadOnlySpan<byte> head) => FormatOf(head) is not null;

    public static string? FormatOf(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "png";
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "jpeg";
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return "gif";
        if (h.StartsWith("BM"u8) && h.Length >= 26 && BinaryPrimitives.ReadUInt32LittleEndian(h[14..]) is 12 or 40 or 52 or 56 or 64 or 108 or 124) return "bmp";
        if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8)) return "tiff";
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return "webp";
        if (h.Length >= 3 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6' && (h[2] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') && Pnm(h) is not null) return "pnm";
        return null;
    }

    public static ImageSize? Read(string path, int maxPages = 100_000)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        return Read(fs, maxPages);
    }

    public static ImageSize? Read(Stream stream, int maxPages = 100_000)
    {
        var head = new byte[64 * 1024];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var h = head.AsSpan(0, n);
        string? format = FormatOf(h);
        if (format is null) return null;
        ImageSize? size = format switch
        {
            "png" => h.Length >= 24 && h[12..16].SequenceEqual("IHDR"u8)
                ? new ImageSize(format, BinaryPrimitives.ReadUInt32BigEndian(h[16..]), BinaryPrimitives.ReadUInt32BigEndian(h[20..]), 1) : null,
            "gif" => h.Length >= 10 ? new ImageSize(format, BinaryPrimitives.ReadUInt16LittleEndian(h[6..]), BinaryPrimitives.ReadUInt16LittleEndian(h[8..]), 1) : null,
            "bmp" => new ImageSize(format, Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[18..])), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[22..])), 1),
            "jpeg" => Jpeg(h),
            "tiff" => Tiff(stream, maxPages),
            "webp" => WebP(h),
            "pnm" => Pnm(h),
            _ => null,
        };
        return size ?? throw new InputException(InputErrorReason.Corrupt, $"corrupt {format.ToUpperInvariant()} image: its header gives no size");
    }

    // Segments up to the first start-of-frame marker (SOF0..SOF15 except DHT C4, JPG C8, DAC CC).
    private static ImageSize? Jpeg(ReadOnlySpan<byte> h)
    {
        int i = 2;
        while (i + 9 < h.Length)
        {
            if (h[i] != 0xFF) return null;
            byte marker = h[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0xD8 or 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(h[(i + 2)..]);
            if (marker >= 0xC0 && marker <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
                return new ImageSize("jpeg", BinaryPrimitives.ReadUInt16BigEndian(h[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(h[(i + 5)..]), 1);
            if (length < 2) return null;
            i += 2 + length;
        }
        return null;
    }

    private static ImageSize? WebP(ReadOnlySpan<byte> h)
    {
        if (h.Length < 30) return null;
        var chunk = h[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return new ImageSize("webp", 1 + (h[24] | h[25] << 8 | h[26] << 16), 1 + (h[27] | h[28] << 8 | h[29] << 16), 1);
        if (chunk.SequenceEqual("VP8 "u8))
            return new ImageSize("webp", BinaryPrimitives.ReadUInt16LittleEndian(h[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(h[28..]) & 0x3FFF, 1);
        if (chunk.SequenceEqual("VP8L"u8) && h.Length >= 25)
        {
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(h[21..]);
            return new ImageSize("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 1);
        }
        return null;
    }

    // "P6 <width> <height> ..." with # comments between the numbers.
    private static ImageSize? Pnm(ReadOnlySpan<byte> h)
    {
        var numbers = new List<long>(2);
        int i = 2;
        while (numbers.Count < 2 && i < h.Length)
        {
            byte c = h[i];
            if (c == '#') { while (i < h.Length && h[i] != '\n') i++; continue; }
            if (c >= '0' && c <= '9')
            {
                long v = 0;
                while (i < h.Length && h[i] >= '0' && h[i] <= '9' && v < 1L << 40) v = v * 10 + (h[i++] - '0');
                numbers.Add(v);
                continue;
            }
            if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return null;
            i++;
        }
        return numbers.Count == 2 ? new ImageSize("pnm", numbers[0], numbers[1], 1) : null;
    }

    // Every image file directory: the largest page and the number of pages (stops past maxPages).
    private static ImageSize? Tiff(Stream s, int maxPages)
    {
        if (!s.CanSeek) return null;
        Span<byte> b = stackalloc byte[12];
        s.Position = 0;
        if (s.ReadAtLeast(b[..8], 8, false) < 8) return null;
        bool le = b[0] == 'I';
        uint U32(ReadOnlySpan<byte> x) => le ? BinaryPrimitives.ReadUInt32LittleEndian(x) : BinaryPrimitives.ReadUInt32BigEndian(x);
        ushort U16(ReadOnlySpan<byte> x) => le ? BinaryPrimitives.ReadUInt16LittleEndian(x) : BinaryPrimitives.ReadUInt16BigEndian(x);
        long offset = U32(b[4..8]);
        long maxW = 0, maxH = 0, maxPixels = -1;
        int pages = 0;
        var seen = new HashSet<long>();
        while (offset != 0 && pages <= maxPages)
        {
            if (offset + 2 > s.Length || !seen.Add(offset)) break; // past the end, or a loop of directories
            s.Position = offset;
            if (s.ReadAtLeast(b[..2], 2, false) < 2) break;
            int entries = U16(b[..2]);
            long w = 0, hgt = 0;
            for (int e = 0; e < entries; e++)
            {
                if (s.ReadAtLeast(b, 12, false) < 12) return null;
                int tag = U16(b[..2]), type = U16(b[2..4]);
                long value = type == 3 ? U16(b[8..10]) : U32(b[8..12]);
                if (tag == 256) w = value;
                else if (tag == 257) hgt = value;
            }
            pages++;
            if (w * hgt > maxPixels) { maxPixels = w * hgt; maxW = w; maxH = hgt; }
            if (s.ReadAtLeast(b[..4], 4, false) < 4) break;
            offset = U32(b[..4]);
        }
        return pages == 0 || maxW == 0 ? null : new ImageSize("tiff", maxW, maxH, pages);
    }
}
