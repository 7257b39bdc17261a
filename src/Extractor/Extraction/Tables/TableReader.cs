using Extractor.Language;

namespace Extractor.Extraction.Tables;

/// <summary>Options of the table reader.</summary>
public sealed record TableReaderOptions
{
    public static readonly TableReaderOptions Default = new();
    /// <summary>Drug and dose grammar for arm cells; null means <see cref="MedicationArmVocabulary.Instance"/>.</summary>
    public IArmVocabulary? Vocabulary { get; init; }
    /// <summary>General word test used to tell header or subtitle lines from OCR garbage.</summary>
    public Func<string, bool> IsWord { get; init; } = GeneralWords.Contains;
    /// <summary>Also look for tables without a "Table N." caption (runs of short study rows with outcomes).</summary>
    public bool FindUncaptioned { get; init; } = true;
    /// <summary>Rebuild lines and cells from OCR word boxes when the document has them.</summary>
    public bool UseWordGeometry { get; init; } = true;
    /// <summary>A line this share of whose words are unknown (not words, header terms, drugs, units or numbers) is garbage.</summary>
    public double GarbageUnknownShare { get; init; } = 0.5;

    internal IArmVocabulary Arms => Vocabulary ?? MedicationArmVocabulary.Instance;
}

/// <summary>A table read into header columns, classified lines and logical rows.</summary>
public sealed record ParsedTable(TableBlock Block, IReadOnlyList<TableColumn> Columns, IReadOnlyList<LineKind> Kinds, IReadOnlyList<TableRowText> Rows);

/// <summary>
/// Finds comparison tables in cleaned text and reads their structure: which lines are header, data, garbage or
/// footnotes, which header cell names which column, and how lines group into rows (a row broken across lines,
/// outcome cells that come in a later paragraph, several arms of one study on their own lines).
/// </summary>
public sealed class TableReader(TableReaderOptions? options = null)
{
    public static readonly TableReader Instance = new();
    public TableReaderOptions Options { get; } = options ?? TableReaderOptions.Default;

    // ---------------------------------------------------------------- blocks

    /// <summary>Tables of a text: each "Table N." caption with the lines under it, then uncaptioned runs of study rows.</summary>
    public IReadOnlyList<TableBlock> FindBlocks(string text)
    {
        var lines = TextLayout.Lines(text, 0, text.Length);
        var blocks = new List<TableBlock>();
        var used = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (!IsCaption(text, lines[i], out var id)) continue;
            int j = i + 1;
            var body = new List<TableLine>();
            for (; j < lines.Count; j++)
            {
                var l = lines[j];
                if (IsCaption(text, l, out _) || TablePatterns.BlockEnd().IsMatch(l.TextOf(text)) || IsProse(text, l)) break;
                body.Add(l);
            }
            while (body.Count > 0 && body[^1].IsBlank) body.RemoveAt(body.Count - 1);
            for (int k = i; k < i + 1 + body.Count; k++) used[k] = true;
            blocks.Add(new TableBlock(id, lines[i].Start, lines[i].End, body));
            i = j - 1;
        }
        if (Options.FindUncaptioned) blocks.AddRange(FindUncaptioned(text, lines, used, blocks.Count));
        return blocks.OrderBy(b => b.Start).ToArray();
    }

    private bool IsCaption(string text, TableLine line, out string id)
    {
        id = "";
        var m = TablePatterns.Caption().Match(line.TextOf(text));
        if (!m.Success || !OcrTolerantComparer.Instance.Matches(m.Groups["word"].Value, "table")) return false;
        id = m.Groups["num"].Value;
        return true;
    }

    /// <summary>A line of running prose ends a table: many words, mostly lower case, no column gaps.</summary>
    public static bool IsProse(string text, TableLine line)
    {
        if (line.Cells.Count > 1 || line.End - line.Start < 60) return false;
        int words = 0, lower = 0;
        foreach (var t in Tokenizer.Tokenize(text, line.Start, line.End))
        {
            if (t.Kind != TokenKind.Word || t.Length < 2) continue;
            words++;
            if (char.IsLower(text[t.Start])) lower++;
        }
        return words >= 10 && lower * 2 >= words;
    }

    private IEnumerable<TableBlock> FindUncaptioned(string text, IReadOnlyList<TableLine> lines, bool[] used, int captioned)
    {
        int n = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (used[i] || lines[i].IsBlank || !IsStudyStart(text, lines[i])) continue;
            // Extend over data, blank and garbage lines until prose, a caption or a used line.
            int j = i, studies = 0, withOutcomes = 0, lastData = i;
            for (; j < lines.Count && !used[j]; j++)
            {
                var l = lines[j];
                if (l.IsBlank) { if (j - lastData > 2) break; continue; }
                if (IsProse(text, l) || TablePatterns.BlockEnd().IsMatch(l.TextOf(text)) || IsCaption(text, l, out _)) break;
                var kind = Classify(text, l);
                if (kind != LineKind.Data) { if (kind == LineKind.Garbage) continue; break; }
                lastData = j;
                if (IsStudyStart(text, l)) studies++;
                if (HasOutcome(text, l)) withOutcomes++;
            }
            if (studies < 2 || withOutcomes < 2) continue;
            // A header line right above belongs to the table.
            int first = i;
            if (i > 0 && !used[i - 1] && Classify(text, lines[i - 1]) == LineKind.Header) first = i - 1;
            var body = lines.Skip(first).Take(lastData - first + 1).ToArray();
            for (int k = first; k <= lastData; k++) used[k] = true;
            n++;
            yield return new TableBlock("u" + n, lines[first].Start, lines[first].Start, body);
            i = lastData;
        }
    }

    // ---------------------------------------------------------------- lines

    /// <summary>Reads a block: classifies its lines, builds header columns, groups data lines into rows.</summary>
    public ParsedTable Parse(string text, TableBlock block)
    {
        block = CellPerLineLayout.Rebuild(text, block, this) ?? block;
        var kinds = block.Lines.Select(l => Classify(text, l)).ToArray();
        if (TransposedLayout.Rows(text, block, kinds, this) is { Count: > 0 } transposed)
            return new ParsedTable(block, [], kinds, transposed);
        // Lines before the first data line are the header zone; a header line after data starts (a repeated
        // header on a new page) is kept as header too.
        var columns = BuildColumns(text, block.Lines, kinds);
        var rows = Segment(text, block.Lines, kinds, columns);
        if (columns.Count == 0)
        {
            var implied = ImpliedMeasures(text, block.Lines, kinds);
            foreach (var r in rows) r.ImpliedMeasures = implied;
        }
        return new ParsedTable(block, columns, kinds, rows);
    }

    public LineKind Classify(string text, TableLine line)
    {
        if (line.IsBlank) return LineKind.Blank;
        // A line rebuilt from word boxes may gather cells from far apart in the text: read its cells only.
        if (!IsContiguous(text, line))
        {
            var cells = string.Join("    ", line.Cells.Select(c => c.TextOf(text).Replace('\n', ' ')));
            return Classify(cells, TextLayout.Line(cells, 0, cells.Length));
        }
        var s = line.TextOf(text);
        if (TablePatterns.Footnote().IsMatch(s) && !IsStudyStart(text, line)) return LineKind.Footnote;
        if (HasDataFeatures(text, line)) return LineKind.Data;
        int known = 0, unknown = 0, header = 0;
        foreach (var t in Tokenizer.Tokenize(text, line.Start, line.End))
        {
            if (t.Kind == TokenKind.Number) { known++; continue; }
            if (t.Kind != TokenKind.Word) continue;
            var w = t.TextOf(text);
            if (HeaderVocabulary.Instance.IsHeaderWord(w)) { known++; header++; continue; }
            if (IsKnownWord(w)) known++; else unknown++;
        }
        // Cells that read as header labels as a whole ("Median PFS (months)").
        int headerCells = line.Cells.Count(c => HeaderVocabulary.Instance.Read(c.TextOf(text)) is not null
                                                || HeaderVocabulary.Instance.IsGroupLabel(c.TextOf(text)));
        if (known + unknown == 0) return LineKind.Other;
        if (unknown >= Options.GarbageUnknownShare * (known + unknown) && headerCells < Math.Max(2, line.Cells.Count / 2 + 1)) return LineKind.Garbage;
        return header > 0 || headerCells > 0 ? LineKind.Header : LineKind.Other;
    }

    private bool IsKnownWord(string w)
    {
        if (w.Length < 2) return false;
        if (Options.Arms.IsKnownTerm(w)) return true;
        // A short all-capitals token in a table is an abbreviation: an English "IS" or "ON" there is OCR noise.
        bool caps = w.All(char.IsUpper);
        if (caps && w.Length <= 3) return false;
        return Options.IsWord(w) || (caps && Options.IsWord(w.ToLowerInvariant()));
    }

    private bool HasDataFeatures(string text, TableLine line)
    {
        var s = line.TextOf(text);
        if (IsStudyStart(text, line) || HasOutcome(text, line)) return true;
        if (TablePatterns.Year().IsMatch(s) || TablePatterns.ControlArm().IsMatch(s)) return true;
        if (Options.Arms.FindDrugs(text, line.Start, line.End).Count > 0) return true;
        if (Options.Arms.FindDoses(text, line.Start, line.End).Count > 0) return true;
        // A row of a column layout: several cells, some of them numbers.
        return line.Cells.Count >= 2 && line.Cells.Count(c => TablePatterns.Value().IsMatch(c.TextOf(text))
                                                          && char.IsDigit(text[c.Start])) >= 1
               && line.Cells.Count(c => HeaderVocabulary.Instance.Read(c.TextOf(text)) is not null) == 0;
    }

    public bool HasOutcome(string text, TableLine line) =>
        line.Cells.Any(c => TableCellReader.LabelledOutcomes(text, c.Start, c.End).Any());

    /// <summary>True when no line break separates the cells of the line in the text (always so for text layout).</summary>
    public static bool IsContiguous(string text, TableLine line)
    {
        for (int i = 1; i < line.Cells.Count; i++)
        {
            int a = line.Cells[i - 1].End, b = line.Cells[i].Start;
            if (b < a || text.AsSpan(a, b - a).IndexOfAny('\n', '\f') >= 0) return false;
        }
        return true;
    }

    /// <summary>True when the line opens with a study cell (author and initials, or "Name et al.").</summary>
    public bool IsStudyStart(string text, TableLine line)
    {
        if (line.IsBlank) return false;
        int lineEnd = IsContiguous(text, line) ? line.End : line.Cells[0].End;
        int lineStart = line.Cells[0].Start;
        var m = TablePatterns.StudyStart().Match(text, lineStart, lineEnd - lineStart);
        if (!m.Success) return false;
        var surname = m.Groups["surname"].Value;
        bool initials = m.Groups["init"].Success;
        bool etAl = TablePatterns.EtAl().Match(text, m.Index + m.Length, Math.Min(12, lineEnd - m.Index - m.Length)) is { Success: true } e
                    && text.AsSpan(m.Index + m.Length, e.Index - m.Index - m.Length).Trim().Length <= 1;
        if (!initials && !etAl) return false;
        // Not a drug, a control arm or a header word ("Placebo", "Arm A", "Group B").
        if (Options.Arms.IsKnownTerm(surname) || TablePatterns.ControlArm().IsMatch(surname)) return false;
        if (HeaderVocabulary.Instance.IsHeaderWord(surname) || surname is "Arm" or "Group" or "Cohort" or "Phase" or "Part" or "Stage" or "Table" or "Total" or "All") return false;
        return true;
    }

    // ---------------------------------------------------------------- columns

    private static IReadOnlyList<TableColumn> BuildColumns(string text, IReadOnlyList<TableLine> lines, LineKind[] kinds)
    {
        var headerLines = new List<TableLine>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (kinds[i] == LineKind.Data) break;
            if (kinds[i] == LineKind.Header) headerLines.Add(lines[i]);
        }
        // A header cell over two or more cells of a lower header line is a group label ("Median (months)" over
        // "PFS" and "OS"): it qualifies the columns under it instead of merging them into one. It may stand alone on
        // its line; other one-cell header lines (a subtitle) give no columns.
        var spanning = new List<TableCell>();
        for (int i = 0; i < headerLines.Count; i++)
            foreach (var c in headerLines[i].Cells)
                if (headerLines.Skip(i + 1).Any(below => below.Cells.Count(b => b.Overlap(c.Left, c.Right) > 0) >= 2))
                    spanning.Add(c);
        headerLines.RemoveAll(l => l.Cells.Count < 2);
        var cols = new List<(double L, double R, string Text)>();
        foreach (var line in headerLines)
            foreach (var c in line.Cells)
            {
                if (spanning.Contains(c)) continue;
                var t = c.TextOf(text);
                int k = cols.FindIndex(col => c.Overlap(col.L, col.R) > 0);
                if (k >= 0) cols[k] = (Math.Min(cols[k].L, c.Left), Math.Max(cols[k].R, c.Right), cols[k].Text + " " + t);
                else cols.Add((c.Left, c.Right, t));
            }
        for (int k = 0; k < cols.Count; k++)
            foreach (var parent in spanning)
                if (parent.Overlap(cols[k].L, cols[k].R) > 0)
                    cols[k] = cols[k] with { Text = HeaderVocabulary.Instance.Qualify(cols[k].Text, parent.TextOf(text)) };
        var result = new List<TableColumn>();
        foreach (var (l, r, t) in cols.OrderBy(c => c.L))
        {
            var meaning = HeaderVocabulary.Instance.Read(t);
            result.Add(meaning is { } m ? new TableColumn(m.Role, m.Measure, m.Unit, l, r, t) : new TableColumn(ColumnRole.Unknown, "", "", l, r, t));
        }
        return result.Count >= 2 && result.Any(c => c.Role != ColumnRole.Unknown) ? result : [];
    }

    /// <summary>Measures named by header lines that gave no columns: every run of one to three words read as a header label.</summary>
    private static IReadOnlyList<HeaderMeaning> ImpliedMeasures(string text, IReadOnlyList<TableLine> lines, LineKind[] kinds)
    {
        var found = new List<HeaderMeaning>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (kinds[i] != LineKind.Header) continue;
            var words = Tokenizer.Tokenize(text, lines[i].Start, lines[i].End).Where(t => t.Kind is TokenKind.Word).ToArray();
            for (int a = 0; a < words.Length; a++)
                for (int b = Math.Min(words.Length - 1, a + 2); b >= a; b--)
                    if (HeaderVocabulary.Instance.Read(text[words[a].Start..words[b].End]) is { Role: ColumnRole.Measure } m)
                    {
                        found.Add(m);
                        a = b;
                        break;
                    }
        }
        return found.Distinct().ToArray();
    }

    /// <summary>The header column a data cell falls under: the most overlap, else the nearest.</summary>
    public static TableColumn? ColumnOf(TableCell cell, IReadOnlyList<TableColumn> columns)
    {
        if (columns.Count == 0) return null;
        TableColumn? best = null;
        double bestOverlap = 0;
        foreach (var c in columns)
        {
            double o = cell.Overlap(c.Left, c.Right);
            if (o > bestOverlap) { bestOverlap = o; best = c; }
        }
        if (best is not null) return best;
        double mid = (cell.Left + cell.Right) / 2;
        return columns.MinBy(c => mid < c.Left ? c.Left - mid : mid > c.Right ? mid - c.Right : 0);
    }

    // ---------------------------------------------------------------- rows

    private List<TableRowText> Segment(string text, IReadOnlyList<TableLine> lines, LineKind[] kinds, IReadOnlyList<TableColumn> columns)
    {
        var rows = new List<TableRowText>();
        TableRowText? current = null;
        bool studyColumn = columns.Any(c => c.Role == ColumnRole.Study);
        for (int i = 0; i < lines.Count; i++)
        {
            if (kinds[i] != LineKind.Data) continue;
            var line = lines[i];
            var pieces = line.Cells.Select(c => new RowPiece(c.Start, c.End, ColumnOf(c, columns))).ToList();
            bool studyStart = IsStudyStart(text, line)
                              || (studyColumn && pieces[0].Column?.Role == ColumnRole.Study && pieces.Count > 1 && StartsStudyCell(text, pieces[0]));
            bool newRow = studyStart || current is null;
            string carriedStudy = "", carriedYear = "";
            if (!newRow && current is not null)
            {
                bool outcomeOnly = IsOutcomeOnly(text, pieces) || ArmContinues(text, current, lines[i - 1]);
                // Another arm of the same study: the line starts with a drug or a control arm after a complete row,
                // or it repeats a measure the row already has ("ORR 54" then "ORR 31" under an unknown regimen name).
                bool repeats = !outcomeOnly && Measures(text, pieces).Overlaps(Measures(text, current.Pieces));
                if (repeats || (!outcomeOnly && StartsWithArm(text, pieces) && RowHasArm(text, current) && (RowHasOutcome(text, current) || HasOutcome(text, line))))
                {
                    newRow = true;
                    // Text under the study or year column of a new arm line continues the study cell above
                    // ("Weber-Nagy L" / "2016"): it belongs to the row that opened the study.
                    var studyParts = pieces.Where(p => p.Column?.Role is ColumnRole.Study or ColumnRole.Year).ToList();
                    current.Pieces.AddRange(studyParts);
                    pieces.RemoveAll(studyParts.Contains);
                    var (st, yr) = TableCellReader.StudyOf(text, current, this);
                    carriedStudy = st.Length > 0 ? st : current.CarriedStudy;
                    carriedYear = yr.Length > 0 ? yr : current.CarriedYear;
                }
            }
            if (newRow)
            {
                current = new TableRowText { CarriedStudy = carriedStudy, CarriedYear = carriedYear };
                rows.Add(current);
            }
            current!.Lines.Add(line);
            current.Pieces.AddRange(pieces);
        }
        return rows;
    }

    // Measures a line or row gives values for: labelled outcomes and numbers under outcome columns.
    private static HashSet<string> Measures(string text, IEnumerable<RowPiece> pieces)
    {
        var set = new HashSet<string>();
        foreach (var p in pieces)
        {
            if (p.Column is { Role: ColumnRole.Measure } c)
            {
                if (TableCellReader.ColumnValues(text, p.Start, p.End, c).Count > 0) set.Add(c.Measure);
                continue;
            }
            foreach (var o in TableCellReader.LabelledOutcomes(text, p.Start, p.End)) set.Add(o.Measure);
        }
        return set;
    }

    // "Carboplatin AUC 6 +" / "paclitaxel 200 mg/m2": an arm cell that ends in a conjunction goes on in the next line.
    private static bool ArmContinues(string text, TableRowText row, TableLine previous)
    {
        if (row.Lines.Count == 0 || row.Lines[^1] != previous) return false;
        var arm = row.Pieces.LastOrDefault(p => (p.Column is null || p.Column.Role is ColumnRole.Arm or ColumnRole.Dose or ColumnRole.Unknown)
                                                && p.Start >= previous.Start && p.End <= previous.End);
        if (arm.End <= arm.Start) return false;
        return TablePatterns.OpenEnd().IsMatch(text.AsSpan(arm.Start, arm.End - arm.Start));
    }

    private static bool StartsStudyCell(string text, RowPiece piece)
    {
        var s = text.AsSpan(piece.Start, piece.End - piece.Start);
        return s.Length > 0 && char.IsLetter(s[0]) && !s.StartsWith("et al", StringComparison.OrdinalIgnoreCase)
               && !s.StartsWith("etal", StringComparison.OrdinalIgnoreCase);
    }

    private bool IsOutcomeOnly(string text, List<RowPiece> pieces)
    {
        foreach (var p in pieces)
        {
            if (p.Column?.Role is ColumnRole.Measure or ColumnRole.Patients) continue;
            var rest = TableCellReader.Residue(text, p.Start, p.End, TableCellReader.LabelledOutcomes(text, p.Start, p.End).Select(o => (o.Start, o.End)));
            if (rest.Any()) return false;
        }
        return true;
    }

    private bool StartsWithArm(string text, List<RowPiece> pieces)
    {
        var first = pieces.FirstOrDefault(p => p.Column?.Role is not (ColumnRole.Study or ColumnRole.Year));
        if (first.End == 0 && first.Start == 0) return false;
        int s = first.Start;
        var m = TablePatterns.ControlArm().Match(text, s, first.End - s);
        if (m.Success && m.Index == s) return true;
        var drugs = Options.Arms.FindDrugs(text, s, first.End);
        return drugs.Count > 0 && drugs[0].Start == s;
    }

    private bool RowHasArm(string text, TableRowText row) =>
        row.Pieces.Any(p => Options.Arms.FindDrugs(text, p.Start, p.End).Count > 0 || TablePatterns.ControlArm().IsMatch(text.Substring(p.Start, p.End - p.Start)));

    private bool RowHasOutcome(string text, TableRowText row) =>
        row.Pieces.Any(p => p.Column?.Role == ColumnRole.Measure || TableCellReader.LabelledOutcomes(text, p.Start, p.End).Any());
}
