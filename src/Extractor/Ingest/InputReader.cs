using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>Picks the reader for each input file (PDF, image, text) by name and magic bytes.</summary>
public sealed class InputReader
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    public InputReader(IEnumerable<IDocumentReader> readers) => _readers = readers.ToArray();

    /// <summary>The readers this build knows, most specific first; plain text is the fallback.</summary>
    public static InputReader CreateDefault() => new(DefaultReaders.All());

    public SourceDocument Read(string path, string documentId)
    {
        Span<byte> head = stackalloc byte[16];
        int n;
        using (var fs = File.OpenRead(path)) n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        foreach (var reader in _readers)
            if (reader.CanRead(path, head[..n])) return reader.Read(path, documentId);
        throw new InputException("no reader for this kind of file");
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
