using System.Buffers.Binary;

namespace Extractor.Report;

/// <summary>What the review page needs to embed a page image: its MIME type (formats browsers show) and its size.</summary>
public static class ImageFiles
{
    public static string? MimeType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        _ => null, // TIFF and PNM: browsers do not show them; the boxes go on a blank page
    };

    /// <summary>Pixel size from the file header (PNG, JPEG, GIF, BMP); null when it cannot be read.</summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G')
            return Valid(BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]));
        if (b.Length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F')
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]));
        if (b.Length >= 26 && b[0] == 'B' && b[1] == 'M')
            return Valid(BinaryPrimitives.ReadInt32LittleEndian(b[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(b[22..])));
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            int i = 2;
            while (i + 9 < b.Length)
            {
                if (b[i] != 0xFF) { i++; continue; }
                byte marker = b[i + 1];
                if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7 || marker == 0xFF) { i++; continue; }
                int len = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
                // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) hold height then width.
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                    return Valid(BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
                i += 2 + len;
            }
        }
        return null;
    }

    private static (int, int)? Valid(int w, int h) => w > 0 && h > 0 && w <= 100_000 && h <= 100_000 ? (w, h) : null;
}
