using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>
/// Plain text files in any of the encodings <see cref="TextDecoder"/> knows; the fallback reader, so it also meets
/// every file nobody else reads and must say clearly when that is not text. Line ends become LF and a form feed
/// separates pages. A few NUL characters in text become U+FFFD (same length, so offsets stay); more than a trace of
/// control characters, or the signature of a binary format, rejects the file.
/// </summary>
public sealed class TextDocumentReader : IDocumentReader
{
    public static readonly TextDocumentReader Instance = new();

    public bool CanRead(string path, ReadOnlySpan<byte> head) => true; // the fallback reader

    public SourceDocument Read(string path, string documentId) => Read(path, documentId, InputLimits.Default, default);

    public SourceDocument Read(string path, string documentId, InputLimits limits, CancellationToken cancel)
    {
        byte[] bytes = ReadBounded(path, limits.MaxBytes);
        return FromBytes(bytes, path, documentId);
    }

    public static SourceDocument FromBytes(byte[] bytes, string path, string documentId)
    {
        if (bytes.Length == 0) throw new InputException(InputErrorReason.Empty, "empty file (0 bytes)");
        if (BinarySignature(bytes) is { } kind) throw new InputException(InputErrorReason.Binary, $"binary content, not text: {kind}");
        var (text, encoding) = TextDecoder.Decode(bytes);
        if (BinaryReason(text) is { } why) throw new InputException(InputErrorReason.Binary, $"binary content, not text: {why} (decoded as {encoding})");
        if (string.IsNullOrWhiteSpace(text)) throw new InputException(InputErrorReason.Empty, $"no text: {bytes.Length:N0} bytes of white space only");
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (text.Contains('\0')) text = text.Replace('\0', '\uFFFD');
        return new SourceDocument
        {
            DocumentId = documentId,
            SourcePath = path,
            Text = text,
            Encoding = encoding,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }

    /// <summary>All bytes of a file that is not larger than <paramref name="maxBytes"/> (checked on the open handle, so a
    /// file that grows while read is still refused).</summary>
    public static byte[] ReadBounded(string path, long maxBytes)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = fs.Length;
        if (length > maxBytes) throw TooLarge(length, maxBytes);
        var buffer = new byte[length];
        int n = fs.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (n < length) Array.Resize(ref buffer, n);
        else if (fs.ReadByte() >= 0) throw TooLarge(length + 1, maxBytes); // grew while we read
        return buffer;
    }

    internal static InputException TooLarge(long length, long maxBytes) =>
        new(InputErrorReason.TooLarge, $"file of {InputLimits.Megabytes(length)} is above the limit of {InputLimits.Megabytes(maxBytes)} (--max-mb)");

    /// <summary>The name of a binary format whose signature starts the bytes, or null.</summary>
    public static string? BinarySignature(ReadOnlySpan<byte> b)
    {
        if (b.IndexOf("%PDF-"u8) is >= 0 and < 1024) return "a PDF file, and no PDF reader took it";
        if (ImageHeader.FormatOf(b) is { } image) return $"a {image.ToUpperInvariant()} image, and no image reader took it";
        if (b.StartsWith("PK\u0003\u0004"u8)) return "a ZIP archive (also .docx, .xlsx, .odt)";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return "an OLE compound file (.doc, .xls)";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "a gzip archive";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return "a 7-Zip archive";
        if (b.StartsWith("Rar!"u8)) return "a RAR archive";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F'])) return "an ELF executable";
        if (b.StartsWith("MZ"u8) && b.Length > 64 && b[..64].IndexOf((byte)0) >= 0) return "a Windows executable";
        return null;
    }

    /// <summary>Why decoded text looks like binary junk, or null: looks at up to three 64K windows (start, middle, end).</summary>
    public static string? BinaryReason(string text)
    {
        const int window = 65536;
        var starts = text.Length <= window ? [0] : new[] { 0, text.Length / 2 - window / 2, text.Length - window };
        foreach (int start in starts)
        {
            int n = Math.Min(window, text.Length - start), bad = 0, nul = 0;
            for (int i = start; i < start + n; i++)
            {
                char c = text[i];
                if (c == '\0') { nul++; bad++; }
                else if ((c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f')) || (c >= 0x7F && c <= 0x9F) || c is '\uFFFD' or '\uFFFE' or '\uFFFF') bad++;
            }
            if (bad > n / 100 + 1)
                return nul * 2 > bad
                    ? $"{nul:N0} NUL characters in {n:N0} (from character {start:N0})"
                    : $"{bad:N0} control or undecodable characters in {n:N0} (from character {start:N0})";
        }
        return null;
    }
}
