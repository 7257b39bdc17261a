using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>
/// Picks the reader for each input file (PDF, image, text) by name and magic bytes, within <see cref="Limits"/>:
/// <see cref="InputGuard"/> checks the file before and the text after, and every failure becomes an
/// <see cref="InputException"/> with a reason.
/// </summary>
public sealed class InputReader
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    public InputLimits Limits { get; }

    public InputReader(IEnumerable<IDocumentReader> readers, InputLimits? limits = null)
    {
        _readers = readers.ToArray();
        Limits = limits ?? InputLimits.Default;
    }

    /// <summary>The readers this build knows, most specific first; plain text is the fallback.</summary>
    public static InputReader CreateDefault(InputLimits? limits = null) => new(DefaultReaders.All(), limits);

    public SourceDocument Read(string path, string documentId) => Read(path, documentId, default);

    /// <summary>Whether a file goes to the plain-text reader (no other reader claims it), without reading more than its head.</summary>
    public bool IsPlainText(string path)
    {
        var head = InputGuard.Before(path, Limits, default);
        foreach (var reader in _readers)
            if (reader.CanRead(path, head)) return reader is TextDocumentReader;
        return false;
    }

    public SourceDocument Read(string path, string documentId, CancellationToken cancel)
    {
        try
        {
            if (Directory.Exists(path)) // a folder of page images as one document (run --pages-folder)
            {
                var pages = Images.PageFolderReader.Instance.Read(path, documentId, Limits, cancel);
                InputGuard.After(pages, Limits);
                return pages;
            }
            var head = InputGuard.Before(path, Limits, cancel);
            foreach (var reader in _readers)
            {
                if (!reader.CanRead(path, head)) continue;
                var doc = reader.Read(path, documentId, Limits, cancel);
                InputGuard.After(doc, Limits);
                return doc;
            }
        }
        catch (Exception ex) when (ex is not InputException && InputGuard.Classify(ex) is { } input) { throw input; }
        throw new InputException(InputErrorReason.Unsupported, "no reader for this kind of file");
    }
}

/// <summary>Registry of readers; each input format adds itself here.</summary>
public static partial class DefaultReaders
{
    public static IEnumerable<IDocumentReader> All()
    {
        var list = new List<IDocumentReader>();
        AddFormatReaders(list);
        list.Add(TextDocumentReader.Instance);
        return list;
    }

    // Image and PDF readers are added by their own files.
    static partial void AddFormatReaders(List<IDocumentReader> readers);
}
