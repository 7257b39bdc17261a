using Extractor.Cleanup;
using Extractor.Core;

namespace Extractor.Language;

/// <summary>
/// The cleaned text of one document with its tokens and sentences, and the way back to the input:
/// every extractor works on this and asks <see cref="Locate"/> for the provenance of what it found.
/// </summary>
public sealed class AnalyzedDocument
{
    public SourceDocument Source { get; }
    public CleanResult Cleanup { get; }
    public string Text => Cleanup.Text;
    public Token[] Tokens { get; }
    public Sentence[] Sentences { get; }

    public AnalyzedDocument(SourceDocument source, CleanResult cleanup)
    {
        Source = source;
        Cleanup = cleanup;
        Tokens = Tokenizer.Tokenize(cleanup.Text);
        Sentences = SentenceSplitter.Split(cleanup.Text, Tokens);
    }

    public string DocumentId => Source.DocumentId;

    /// <summary>Provenance of the cleaned span [start, end): input offsets, page and an evidence snippet.</summary>
    public Location Locate(int start, int end)
    {
        Pipeline.DocumentDeadline.ThrowIfExpired(); // every row passes here: a runaway extractor stops at the time limit
        var (ss, se) = Cleanup.Map.ToSource(start, end);
        var box = Source.BoxOf(ss, se);
        return new Location(start, end, ss, se, box?.Page ?? Source.PageAt(ss), Evidence(start, end), box?.Box.ToString() ?? "");
    }

    /// <summary>The sentence that contains offset <paramref name="offset"/>, or null.</summary>
    public Sentence? SentenceAt(int offset)
    {
        foreach (var s in Sentences) if (offset >= s.Start && offset < s.End) return s;
        return null;
    }

    /// <summary>The enclosing sentence of a span, with its line breaks folded to spaces; longer ones are trimmed around the span.</summary>
    public string Evidence(int start, int end, int maxLength = 300)
    {
        int s = start, e = end;
        var sentence = SentenceAt(start);
        if (sentence is { } sen) { s = Math.Min(s, sen.Start); e = Math.Max(e, sen.End); }
        if (e - s > maxLength)
        {
            int pad = Math.Max(20, (maxLength - (end - start)) / 2);
            s = Math.Max(s, start - pad);
            e = Math.Min(e, end + pad);
        }
        return Normalize(Text.AsSpan(s, e - s));
    }

    private static string Normalize(ReadOnlySpan<char> span)
    {
        var sb = new System.Text.StringBuilder(span.Length);
        bool space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>Where a value came from: cleaned-text span, input span, page, evidence text and, for OCR/PDF input, the box of its words on the page.</summary>
public readonly record struct Location(int Start, int End, int SourceStart, int SourceEnd, int Page, string Evidence, string EvidenceBox = "");
