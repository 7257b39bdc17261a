using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>Reads one kind of input file into a <see cref="SourceDocument"/>.</summary>
public interface IDocumentReader
{
    /// <summary>Whether this reader handles the file, judged from its name and first bytes.</summary>
    bool CanRead(string path, ReadOnlySpan<byte> head);
    SourceDocument Read(string path, string documentId);
}

/// <summary>Thrown for input that cannot be read; the message names the reason (the caller adds the file).</summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Plain text files in any of the encodings <see cref="TextDecoder"/> knows.</summary>
public sealed class TextDocumentReader : IDocumentReader
{
    public static readonly TextDocumentReader Instance = new();

    public bool CanRead(string path, ReadOnlySpan<byte> head) => true; // the fallback reader

    public SourceDocument Read(string path, string documentId)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw new InputException("empty file");
        var (text, encoding) = TextDecoder.Decode(bytes);
        if (LooksBinary(text)) throw new InputException("binary content, not text");
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return new SourceDocument
        {
            DocumentId = documentId,
            SourcePath = path,
            Text = text,
            Encoding = encoding,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }

    // Control characters other than tab, line breaks and form feed in more than 1 % of the text mean binary junk.
    private static bool LooksBinary(string text)
    {
        int n = Math.Min(text.Length, 65536), bad = 0;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            if (c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f')) bad++;
            else if (c == '\uFFFD') bad++;
        }
        return bad > n / 100 + 1;
    }
}
