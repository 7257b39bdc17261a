using System.IO.Compression;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Extractor.Ingest;

/// <summary>
/// Checks a PDF before any reader touches it, so every PDF reader gets the same clear reasons: not a PDF, truncated,
/// a compressed stream that inflates past <see cref="InputLimits.MaxDecodedBytes"/> (decompression bomb), password
/// protection (a PDF with only an owner password opens and is read), damage PdfPig cannot repair, and a page count
/// above <see cref="InputLimits.MaxPages"/> (read from the page tree, nothing rendered).
/// </summary>
public static partial class PdfPreflight
{
    public static bool LooksLikePdf(string path, ReadOnlySpan<byte> head) =>
        head.IndexOf("%PDF-"u8) >= 0 || path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="InputException"/> with the reason when the PDF cannot or must not be read; returns its page count.</summary>
    public static int Check(string path, InputLimits limits, CancellationToken cancel = default)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int header = bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8);
        if (header < 0) throw new InputException(InputErrorReason.Corrupt, "not a PDF: no %PDF- header in the first 1024 bytes");
        int tail = Math.Max(0, bytes.Length - 1024 - 5);
        if (bytes.AsSpan(tail).IndexOf("%%EOF"u8) < 0)
            throw new InputException(InputErrorReason.Corrupt, $"truncated PDF: no %%EOF marker at the end of its {bytes.Length:N0} bytes");
        CheckStreams(bytes, limits.MaxDecodedBytes, cancel);
        int pages;
        try
        {
            using var doc = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            pages = doc.NumberOfPages;
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new InputException(InputErrorReason.Encrypted, "password-protected PDF: it needs a user password to open", ex);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new InputException(InputErrorReason.Corrupt, $"corrupt PDF: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
        // A page tree may claim more pages than it holds; renderers that trust /Count would try them all.
        pages = Math.Max(pages, ClaimedPages(bytes));
        if (pages > limits.MaxPages) throw new InputException(InputErrorReason.TooManyPages, $"PDF claims {pages:N0} pages (limit {limits.MaxPages:N0}, --max-pages)");
        if (pages <= 0) throw new InputException(InputErrorReason.Corrupt, "corrupt PDF: no pages");
        return pages;
    }

    /// <summary>The largest /Count of a page tree node (a dictionary with /Kids) in the file's uncompressed objects, or 0.</summary>
    public static int ClaimedPages(byte[] bytes)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        int best = 0;
        foreach (System.Text.RegularExpressions.Match m in CountPattern().Matches(text))
        {
            int from = Math.Max(0, m.Index - 400), to = Math.Min(text.Length, m.Index + 400);
            if (text.AsSpan(from, to - from).IndexOf("/Kids", StringComparison.Ordinal) < 0) continue;
            best = Math.Max(best, int.TryParse(m.Groups[1].ValueSpan, out int n) ? n : int.MaxValue);
        }
        return best;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/Count\s*(\d{1,10})")]
    private static partial System.Text.RegularExpressions.Regex CountPattern();

    /// <summary>Inflates every zlib stream into a scratch buffer, counting bytes, and stops at the limit: nothing is kept.</summary>
    public static void CheckStreams(byte[] bytes, long maxDecodedBytes, CancellationToken cancel = default)
    {
        var scratch = new byte[81920];
        var span = bytes.AsSpan();
        int from = 0;
        while (true)
        {
            int i = span[from..].IndexOf("stream"u8);
            if (i < 0) return;
            int at = from + i;
            from = at + 6;
            if (at >= 3 && span.Slice(at - 3, 3).SequenceEqual("end"u8)) continue;
            int data = from;
            if (data < span.Length && span[data] == '\r') data++;
            if (data < span.Length && span[data] == '\n') data++;
            else if (data == from) continue; // "stream" not followed by an end of line: not the keyword
            if (data + 2 > span.Length || !IsZlibHeader(span[data], span[data + 1])) continue;
            cancel.ThrowIfCancellationRequested();
            long total = 0;
            try
            {
                using var z = new ZLibStream(new MemoryStream(bytes, data, bytes.Length - data, writable: false), CompressionMode.Decompress);
                int n;
                while ((n = z.Read(scratch)) > 0)
                {
                    total += n;
                    if (total > maxDecodedBytes)
                        throw new InputException(InputErrorReason.Bomb, $"a compressed PDF stream at byte {data:N0} inflates beyond {InputLimits.Megabytes(maxDecodedBytes)} (a decompression bomb)");
                    if ((total & 0xFFFFFF) < n) cancel.ThrowIfCancellationRequested();
                }
            }
            catch (InvalidDataException) { } // not zlib after all, or encrypted: the PDF reader decides
        }
    }

    // RFC 1950: deflate method, window <= 32K, header checksum.
    private static bool IsZlibHeader(byte cmf, byte flg) => (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}
