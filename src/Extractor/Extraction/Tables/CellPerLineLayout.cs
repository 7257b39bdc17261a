namespace Extractor.Extraction.Tables;

/// <summary>
/// A table that OCR read one cell per line (common when the page segmentation treats every cell as a block):
/// a run of header labels, one per line ("Study", "Year", "Regimen", "ORR (%)" ...), then the cells of each row one
/// per line in the same order. The block is rebuilt into one line per row whose cells are placed by their ordinal,
/// so the header columns name them as in a tab-separated table. A study cell (author and initials) re-aligns a row
/// when the row above lost a cell.
/// </summary>
public static class CellPerLineLayout
{
    /// <summary>Fewest header labels in a row that make the layout: fewer is too easy to meet by chance.</summary>
    public const int MinColumns = 3;

    /// <summary>The block with one line per row, or null when the block is not written one cell per line.</summary>
    public static TableBlock? Rebuild(string text, TableBlock block, TableReader reader)
    {
        var lines = block.Lines;
        int i = 0;
        while (i < lines.Count && lines[i].IsBlank) i++;
        var header = new List<TableLine>();
        for (; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.IsBlank) continue;
            if (l.Cells.Count != 1 || HeaderVocabulary.Instance.Read(l.Cells[0].TextOf(text)) is null) break;
            header.Add(l);
        }
        int k = header.Count;
        if (k < MinColumns) return null;
        var studyFirst = HeaderVocabulary.Instance.Read(header[0].Cells[0].TextOf(text))?.Role == ColumnRole.Study;

        var rows = new List<List<TableLine>>();
        var rest = new List<TableLine>();
        List<TableLine>? group = null;
        for (; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.IsBlank) continue;
            var kind = reader.Classify(text, l);
            if (l.Cells.Count != 1 || kind is LineKind.Footnote)
            {
                rest.AddRange(lines.Skip(i));
                break;
            }
            bool resync = studyFirst && group is { Count: > 1 } && reader.IsStudyStart(text, l);
            if (group is null || group.Count == k || resync)
            {
                group = [];
                rows.Add(group);
            }
            group.Add(l);
        }
        if (rows.Count == 0) return null;
        var rebuilt = new List<TableLine> { Join(header) };
        rebuilt.AddRange(rows.Select(Join));
        rebuilt.AddRange(rest);
        return block with { Lines = rebuilt };
    }

    // One logical line from lines of one cell each: the span runs from the first to the last, x is the ordinal.
    private static TableLine Join(List<TableLine> cells) =>
        new(cells[0].Start, cells[^1].End,
            cells.Select((l, n) => new TableCell(l.Cells[0].Start, l.Cells[0].End, n * 10, n * 10 + 9)).ToArray());
}
