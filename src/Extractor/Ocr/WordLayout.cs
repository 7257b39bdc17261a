using Extractor.Core;

namespace Extractor.Ocr;

/// <summary>
/// A document's words as pages, paragraphs and lines, taken from the source text: a line break between two words
/// starts a new line, a blank line (two breaks or more) a new paragraph. Shared by the hOCR and ALTO writers.
/// </summary>
public static class WordLayout
{
    /// <summary>One page: its number (1-based), its detail when known, and its paragraphs as lines of indices into
    /// <see cref="SourceDocument.Words"/>.</summary>
    public sealed record Page(int Number, PageDetail? Detail, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> Paragraphs);

    /// <summary>Every page from 1 to the larger of the text's page count and the page details, words or not.</summary>
    public static IEnumerable<Page> Pages(SourceDocument doc)
    {
        var words = doc.Words;
        int wi = 0;
        for (int page = 1; page <= Math.Max(doc.Pages, doc.PageDetails.Count); page++)
        {
            var detail = doc.PageDetails.FirstOrDefault(d => d.Page == page);
            var paragraphs = new List<IReadOnlyList<IReadOnlyList<int>>>();
            var lineWords = new List<int>();
            var parLines = new List<IReadOnlyList<int>>();
            int prevEnd = -1;
            for (; wi < words.Count && words[wi].Page == page; wi++)
            {
                var w = words[wi];
                if (prevEnd >= 0)
                {
                    var gap = doc.Text.AsSpan(prevEnd, Math.Max(0, w.Start - prevEnd));
                    int breaks = gap.Count('\n');
                    if (breaks > 0) { parLines.Add(lineWords); lineWords = []; }
                    if (breaks > 1) { paragraphs.Add(parLines); parLines = []; }
                }
                lineWords.Add(wi);
                prevEnd = w.End;
            }
            if (lineWords.Count > 0) parLines.Add(lineWords);
            if (parLines.Count > 0) paragraphs.Add(parLines);
            yield return new Page(page, detail, paragraphs);
        }
    }
}
