using Extractor.Core;
using Extractor.Language;

namespace Extractor.Extraction.Tables;

/// <summary>
/// Rebuilds a table's lines and cells from OCR word boxes: words whose vertical centres fall in one band form a
/// line (row y-band), a horizontal gap wider than about one text height starts a new cell, and cells keep their
/// pixel x-range so the reader assigns them to header columns by overlap (column x-ranges). Text offsets come from
/// each word's span in the source, mapped into the cleaned text.
/// </summary>
public static class WordGeometryLayout
{
    /// <summary>Gap between words, in multiples of the median word height, that separates two cells.</summary>
    public const double CellGapFactor = 1.2;

    /// <summary>The block with its lines rebuilt from the document's word boxes, or null when too few words fall in it.</summary>
    public static TableBlock? Rebuild(AnalyzedDocument document, TableBlock block)
    {
        var map = document.Cleanup.Map;
        var (ss, se) = map.ToSource(block.Lines.Count > 0 ? block.Lines[0].Start : block.CaptionEnd, block.End);
        var words = document.Source.Words.Where(w => w.Start >= ss && w.End <= se && w.Text.Trim().Length > 0).ToList();
        if (words.Count < 4) return null;
        var lines = Lines(words, w =>
        {
            var (s, e) = map.ToEdited(w.Start, w.End);
            return (s, e);
        });
        return lines.Count < 2 ? null : block with { Lines = lines };
    }

    /// <summary>Lines and cells from words (any order); <paramref name="span"/> gives each word's cleaned-text span.</summary>
    public static IReadOnlyList<TableLine> Lines(IReadOnlyList<OcrWord> words, Func<OcrWord, (int Start, int End)> span)
    {
        var result = new List<TableLine>();
        foreach (var page in words.GroupBy(w => w.Page).OrderBy(g => g.Key))
        {
            var bands = new List<List<OcrWord>>();
            foreach (var w in page.OrderBy(w => (w.Box.Top + w.Box.Bottom) / 2.0))
            {
                double cy = (w.Box.Top + w.Box.Bottom) / 2.0;
                var band = bands.Count > 0 ? bands[^1] : null;
                // Same row when the centre lies inside the band's vertical extent.
                if (band is not null && cy >= band.Min(b => b.Box.Top) && cy <= band.Max(b => b.Box.Bottom)) band.Add(w);
                else bands.Add([w]);
            }
            double height = Median(page.Select(w => (double)Math.Max(1, w.Box.Height)));
            foreach (var band in bands)
            {
                var sorted = band.OrderBy(w => w.Box.Left).ToList();
                var cells = new List<TableCell>();
                OcrWord? prev = null;
                foreach (var w in sorted)
                {
                    var (s, e) = span(w);
                    bool gap = prev is null || w.Box.Left - prev.Box.Right > CellGapFactor * height;
                    var last = cells.Count > 0 ? cells[^1] : default;
                    // A word joins the cell on its left when it is close and follows it in the text.
                    if (!gap && cells.Count > 0 && s >= last.End && s - last.End <= 3)
                        cells[^1] = new TableCell(last.Start, e, last.Left, w.Box.Right);
                    else
                        cells.Add(new TableCell(s, e, w.Box.Left, w.Box.Right));
                    prev = w;
                }
                int start = cells.Min(c => c.Start), end = cells.Max(c => c.End);
                result.Add(new TableLine(start, end, cells));
            }
        }
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.OrderBy(v => v).ToArray();
        return a.Length == 0 ? 1 : a[a.Length / 2];
    }
}
