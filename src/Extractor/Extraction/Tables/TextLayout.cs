namespace Extractor.Extraction.Tables;

/// <summary>
/// Lines and cells of plain text: a line is what lies between line breaks (or form feeds), a cell is a stretch
/// without a tab or a run of two or more spaces. X is the character column, tabs advancing to the next multiple of 8.
/// </summary>
public static class TextLayout
{
    public static IReadOnlyList<TableLine> Lines(string text, int start, int end)
    {
        var lines = new List<TableLine>();
        int s = start;
        for (int i = start; i <= end; i++)
        {
            if (i < end && text[i] != '\n' && text[i] != '\f') continue;
            int e = i > s && text[i - 1] == '\r' ? i - 1 : i;
            lines.Add(Line(text, s, e));
            s = i + 1;
        }
        return lines;
    }

    public static TableLine Line(string text, int start, int end)
    {
        if (IsRuled(text.AsSpan(start, end - start))) return SeparatedLine(text, start, end, '|');
        if (text.AsSpan(start, end - start).Contains('\t')) return SeparatedLine(text, start, end, '\t');
        var cells = new List<TableCell>();
        int col = 0, i = start;
        while (i < end)
        {
            // Skip the gap before a cell.
            while (i < end && char.IsWhiteSpace(text[i])) { col = Advance(col, text[i]); i++; }
            if (i >= end) break;
            int cs = i, cx = col, ce = i, cxe = col;
            while (i < end)
            {
                char c = text[i];
                if (c == '\t' || (c == ' ' && i + 1 < end && char.IsWhiteSpace(text[i + 1]))) break;
                if (c == ' ' && i + 1 >= end) break;
                col = Advance(col, c); i++;
                if (!char.IsWhiteSpace(c)) { ce = i; cxe = col; }
            }
            cells.Add(new TableCell(cs, ce, cx, cxe));
        }
        return new TableLine(start, end, cells);
    }

    /// <summary>
    /// A line ruled with vertical bars (a markdown-like or boxed table as text): it starts with a bar, or two or more
    /// bars stand between spaces. A bar inside a word ("Stage|I") is an OCR misreading and does not count.
    /// </summary>
    public static bool IsRuled(ReadOnlySpan<char> line)
    {
        var t = line.Trim();
        if (t.Length > 1 && t[0] == '|' && t[1..].Contains('|')) return true;
        int spaced = 0;
        for (int i = 1; i + 1 < line.Length; i++)
            if (line[i] == '|' && char.IsWhiteSpace(line[i - 1]) && char.IsWhiteSpace(line[i + 1])) spaced++;
        return spaced >= 2;
    }

    /// <summary>
    /// A tab-separated or bar-ruled line: each separator ends a cell, empty cells included, and x is the cell's
    /// ordinal, so a row whose text outruns a tab stop still lines up with its header ("\t\tPlacebo" is in the
    /// third column). A bar that opens the line is the table's left rule, not an empty first cell.
    /// </summary>
    private static TableLine SeparatedLine(string text, int start, int end, char separator)
    {
        var cells = new List<TableCell>();
        int ordinal = 0, s = start;
        if (separator == '|')
        {
            while (s < end && char.IsWhiteSpace(text[s]) && text[s] != '\t') s++;
            if (s < end && text[s] == '|') s++; else s = start;
        }
        for (int i = s; i <= end; i++)
        {
            if (i < end && text[i] != separator) continue;
            int a = s, b = i;
            while (a < b && char.IsWhiteSpace(text[a])) a++;
            while (b > a && char.IsWhiteSpace(text[b - 1])) b--;
            if (b > a) cells.Add(new TableCell(a, b, ordinal * 10, ordinal * 10 + 9));
            ordinal++;
            s = i + 1;
        }
        return new TableLine(start, end, cells);
    }

    private static int Advance(int col, char c) => c == '\t' ? (col / 8 + 1) * 8 : col + 1;
}
