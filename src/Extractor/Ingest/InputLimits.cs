namespace Extractor.Ingest;

/// <summary>
/// Limits on one input document, so that one hostile or broken file cannot exhaust memory or time for a whole batch.
/// The defaults are far above any real case report (a 300-page scan at 600 dpi fits) and far below what hurts.
/// Readers honour them through <see cref="IDocumentReader.Read(string, string, InputLimits, CancellationToken)"/>;
/// <see cref="InputReader"/> enforces what it can check itself (size, image headers, PDF structure, pages, lines).
/// </summary>
public sealed record InputLimits
{
    /// <summary>Largest input file in bytes (--max-mb).</summary>
    public long MaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Most pages per document, as the PDF or TIFF claims them before reading (--max-pages).</summary>
    public int MaxPages { get; init; } = 2000;

    /// <summary>Most pixels in one image or rendered page, read from the image header before decoding (--max-pixels).
    /// 150 million is an A4 page at 1200 dpi (9,900 x 14,000).</summary>
    public long MaxPixels { get; init; } = 150_000_000;

    /// <summary>Most bytes one compressed stream (a PDF FlateDecode stream) may inflate to.</summary>
    public long MaxDecodedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Longest line in characters of the text as read (--max-line-chars): one line of a megabyte is data, not prose,
    /// and would make sentence-level stages quadratic.</summary>
    public int MaxLineChars { get; init; } = 1_000_000;

    /// <summary>Wall-clock time for one document, reading to writing (--timeout); past it the document fails with reason timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public static readonly InputLimits Default = new();

    /// <summary>Same limits: the part of a resumable run's fingerprint that changes what a document yields.</summary>
    public string Fingerprint() => $"bytes={MaxBytes};pages={MaxPages};pixels={MaxPixels};decoded={MaxDecodedBytes};line={MaxLineChars};timeout={Timeout.TotalSeconds}";

    internal static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes:N0} bytes";
}
