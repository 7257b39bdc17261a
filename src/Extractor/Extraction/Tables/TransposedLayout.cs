namespace Extractor.Extraction.Tables;

/// <summary>
/// A transposed comparison table: the arms are columns and the measures are rows, as a single trial is often
/// reported ("ORR (%)   24.1   9.2" under "Lenvatinib 12 mg/d   Sorafenib 400 mg b.i.d."). Recognised when two or
/// more lines open with an outcome label in a left label column followed only by values, and the lines above hold
/// a drug or control arm over a value column. Each value column becomes one row: the cells above it give the arm
/// (or, after a "Study"/"Dose"/"n" label, that field), the values under it the outcomes. The study is the row
/// labelled as study, else the citation in the caption ("(Varga-Holm T et al., 2018)").
/// </summary>
public static class TransposedLayout
{
    public static List<TableRowText>? Rows(string text, TableBlock block, LineKind[] kinds, TableReader reader)
    {
        var lines = block.Lines.Where((l, i) => !l.IsBlank && kinds[i] is not (LineKind.Footnote or LineKind.Garbage)).ToList();
        var measureRows = new List<(TableLine Line, HeaderMeaning Meaning)>();
        foreach (var l in lines)
            if (MeasureRow(text, l) is { } m) measureRows.Add((l, m));
        if (measureRows.Count < 2) return null;

        // Value columns: the cells right of the labels, merged where they overlap from one line to the next.
        var columns = new List<(double L, double R)>();
        foreach (var (line, _) in measureRows)
            foreach (var c in line.Cells.Skip(1))
            {
                int k = columns.FindIndex(col => c.Overlap(col.L, col.R) > 0);
                if (k >= 0) columns[k] = (Math.Min(columns[k].L, c.Left), Math.Max(columns[k].R, c.Right));
                else columns.Add((c.Left, c.Right));
            }
        columns.Sort();

        // Lines that are not measure rows: labelled ("Study  A  B", "n  478  476") or unlabelled arm headers.
        var rows = columns.Select(_ => new TableRowText()).ToList();
        bool anyArm = false;
        foreach (var line in lines)
        {
            var measure = measureRows.FirstOrDefault(r => r.Line == line);
            TableCell? label = null;
            ColumnRole role = ColumnRole.Arm;
            string unit = "", measureName = "";
            if (measure.Line is not null)
            {
                label = line.Cells[0];
                role = ColumnRole.Measure;
                measureName = measure.Meaning.Measure;
                unit = measure.Meaning.Unit;
            }
            else if (line.Cells[0].Right < columns[0].L && line.Cells.Count > 1)
            {
                label = line.Cells[0];
                role = HeaderVocabulary.Instance.Read(label.Value.TextOf(text))?.Role ?? ColumnRole.Unknown;
                if (role is ColumnRole.Measure or ColumnRole.Unknown) continue;
            }
            else if (line.Start > measureRows[0].Line.Start) continue; // unlabelled text under the values is not a header
            var byColumn = new List<TableCell>[columns.Count];
            foreach (var c in line.Cells)
            {
                if (label == c) continue;
                int j = Nearest(columns, c);
                (byColumn[j] ??= []).Add(c);
            }
            for (int j = 0; j < columns.Count; j++)
            {
                if (byColumn[j] is null) continue;
                var (l, r) = columns[j];
                var header = label is { } lc ? lc.TextOf(text) : "";
                var column = new TableColumn(role, measureName, unit, l, r, header);
                var cells = new List<TableCell>();
                if (label is { } lab) cells.Add(lab);
                foreach (var c in byColumn[j])
                {
                    rows[j].Pieces.Add(new RowPiece(c.Start, c.End, column));
                    cells.Add(c);
                    if (role == ColumnRole.Arm && !TablePatterns.TimePoint().IsMatch(c.TextOf(text))
                        && (reader.Options.Arms.FindDrugs(text, c.Start, c.End).Count > 0 || TablePatterns.ControlArm().IsMatch(c.TextOf(text))))
                        anyArm = true;
                }
                rows[j].Lines.Add(new TableLine(line.Start, line.End, cells));
            }
        }
        if (!anyArm) return null;
        // Laboratory values over time ("Tacrolimus (ng/mL)" by "Before ..." / "After ..."): not arms of a trial.
        if (lines.Any(l => l.Cells.Count > 1 && l.Cells[0].Right < columns[0].L
                           && TablePatterns.LabUnitLabel().IsMatch(l.Cells[0].TextOf(text))))
            return null;
        var caption = text[block.CaptionStart..block.CaptionEnd];
        if (TablePatterns.Citation().Match(caption) is { Success: true } cite)
            foreach (var row in rows)
            {
                row.CarriedStudy = cite.Groups["surname"].Value + " " + cite.Groups["init"].Value;
                row.CarriedYear = cite.Groups["year"].Value;
            }
        return rows.Where(r => r.Lines.Count > 0).ToList();
    }

    // "ORR (%)   24.1   9.2": an outcome label, then only values (numbers, "n (%)", NR or a dash).
    private static HeaderMeaning? MeasureRow(string text, TableLine line)
    {
        if (line.Cells.Count < 2 || !TableReader.IsContiguous(text, line)) return null;
        if (HeaderVocabulary.Instance.Read(line.Cells[0].TextOf(text)) is not { Role: ColumnRole.Measure } m) return null;
        foreach (var c in line.Cells.Skip(1))
        {
            var s = c.TextOf(text).TrimStart('<', '>', '≤', '≥', ' ');
            var v = TablePatterns.Value().Match(s);
            bool value = (v.Success && v.Index <= 1) || TablePatterns.EmptyValue().IsMatch(s);
            if (!value) return null;
        }
        return m;
    }

    private static int Nearest(List<(double L, double R)> columns, TableCell c)
    {
        int best = 0;
        double bestScore = double.MinValue;
        for (int j = 0; j < columns.Count; j++)
        {
            var (l, r) = columns[j];
            double overlap = c.Overlap(l, r);
            double mid = (c.Left + c.Right) / 2;
            double score = overlap > 0 ? overlap : -Math.Min(Math.Abs(mid - l), Math.Abs(mid - r));
            if (score > bestScore) { bestScore = score; best = j; }
        }
        return best;
    }
}
