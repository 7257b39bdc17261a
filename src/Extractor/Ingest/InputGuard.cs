using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>
/// The checks <see cref="InputReader"/> makes around every reader, so each bad input fails early with one clear
/// reason whichever reader would have taken it: before reading (missing file, dangling link, empty, too large,
/// unreadable, an image too large by its header, a PDF that is broken, locked, a bomb or too long) and after
/// (too many pages, a pathological line, no text at all).
/// </summary>
public static class InputGuard
{
    public const int HeadBytes = 4096;

    /// <summary>Checks the file before any reader; returns its first bytes for the readers' CanRead.</summary>
    public static byte[] Before(string path, InputLimits limits, CancellationToken cancel = default)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } link && ResolvesToFile(path) is false)
            throw new InputException(InputErrorReason.Missing, $"dangling symbolic link to {link}");
        if (Directory.Exists(path)) throw new InputException(InputErrorReason.NotAFile, "a folder, not a file");
        if (!File.Exists(path)) throw new InputException(InputErrorReason.Missing, "no such file");
        long length = new FileInfo(path).Length; // of the link's target
        // Zero also for pipes and devices: refused here before an open could block on them.
        if (length == 0) throw new InputException(InputErrorReason.Empty, "empty file (0 bytes)");
        if (length > limits.MaxBytes) throw TextDocumentReader.TooLarge(length, limits.MaxBytes);

        byte[] head;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            head = new byte[Math.Min(HeadBytes, length)];
            head = head[..fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        catch (Exception ex) when (Classify(ex) is { } input) { throw input; }

        if (ImageHeader.FormatOf(head) is not null && ImageHeader.Read(path, limits.MaxPages) is { } image)
        {
            if (image.Pixels > limits.MaxPixels)
                throw new InputException(InputErrorReason.TooManyPixels,
                    $"{image.Format.ToUpperInvariant()} image of {image.Width:N0} x {image.Height:N0} pixels ({image.Pixels / 1e6:N1} million) is above the limit of {limits.MaxPixels / 1e6:N1} million (--max-pixels)");
            if (image.Pages > limits.MaxPages)
                throw new InputException(InputErrorReason.TooManyPages, $"{image.Format.ToUpperInvariant()} image of more than {limits.MaxPages:N0} pages (--max-pages)");
        }
        else if (PdfPreflight.LooksLikePdf(path, head))
            PdfPreflight.Check(path, limits, cancel);
        return head;
    }

    /// <summary>Checks what a reader produced.</summary>
    public static void After(SourceDocument doc, InputLimits limits)
    {
        if (doc.Pages > limits.MaxPages) throw new InputException(InputErrorReason.TooManyPages, $"{doc.Pages:N0} pages (limit {limits.MaxPages:N0}, --max-pages)");
        int longest = LongestLine(doc.Text, out int at);
        if (longest > limits.MaxLineChars)
            throw new InputException(InputErrorReason.LineTooLong, $"a line of {longest:N0} characters at offset {at:N0} (limit {limits.MaxLineChars:N0}, --max-line-chars)");
        if (string.IsNullOrWhiteSpace(doc.Text)) throw new InputException(InputErrorReason.Empty, $"no text found ({doc.Pages} page{(doc.Pages == 1 ? "" : "s")})");
    }

    /// <summary>Length and start of the longest run without a line break (LF, CR, form feed).</summary>
    public static int LongestLine(string text, out int start)
    {
        int best = 0, from = 0;
        start = 0;
        var span = text.AsSpan();
        while (from <= span.Length)
        {
            int i = span[from..].IndexOfAny('\n', '\r', '\f');
            int end = i < 0 ? span.Length : from + i;
            if (end - from > best) { best = end - from; start = from; }
            if (i < 0) break;
            from = end + 1;
        }
        return best;
    }

    /// <summary>The input error an exception from reading a file stands for, or null for a bug in a reader.</summary>
    public static InputException? Classify(Exception ex) => ex switch
    {
        InputException input => input,
        FileNotFoundException or DirectoryNotFoundException => new(InputErrorReason.Missing, "no such file", ex),
        UnauthorizedAccessException => new(InputErrorReason.Unreadable, "permission denied", ex),
        PathTooLongException => new(InputErrorReason.Unreadable, "path too long", ex),
        IOException => new(InputErrorReason.Unreadable, $"I/O error: {ex.Message.ReplaceLineEndings(" ")}", ex),
        UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException => new(InputErrorReason.Encrypted, "password-protected PDF: it needs a user password to open", ex),
        UglyToad.PdfPig.Core.PdfDocumentFormatException => new(InputErrorReason.Corrupt, $"corrupt PDF: {ex.Message.ReplaceLineEndings(" ")}", ex),
        _ => null,
    };

    private static bool ResolvesToFile(string path)
    {
        try { return File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true } || Directory.Exists(path); }
        catch (IOException) { return false; } // a loop of links
    }
}
