using System.Text;

namespace Extractor.Extraction.Tables;

/// <summary>An outcome value read from a cell: span, canonical measure, value without footnote marks, unit, and the
/// arm it belongs to when one cell holds a value per arm ("26.4 vs 19.8"; -1 otherwise).</summary>
public readonly record struct OutcomeCell(int Start, int End, string Measure, string Value, string Unit, int ArmIndex = -1);

/// <summary>A drug of an arm with its dose (null when the cell gives none).</summary>
public sealed record ArmDrug(DrugSpan Drug, DoseSpan? Dose)
{
    public int Start => Math.Min(Drug.Start, Dose?.Start ?? Drug.Start);
    public int End => Math.Max(Drug.End, Dose?.End ?? Drug.End);
}

/// <summary>One arm of a row: its drugs and a label made of their canonical names ("nivolumab + ipilimumab").</summary>
public sealed record ArmCell(IReadOnlyList<ArmDrug> Drugs, int GroupIndex = 0)
{
    public string Label => string.Join(" + ", Drugs.Select(d => d.Drug.Drug));
}

/// <summary>What one logical row says: study, year, arms with doses, outcome values.</summary>
public sealed record RowReading(string Study, string Year, IReadOnlyList<ArmCell> Arms, IReadOnlyList<OutcomeCell> Outcomes);

/// <summary>
/// Reads the cells of a row: the study cell (author and initials, "et al." and the year apart), labelled outcomes
/// anywhere, bare values under outcome columns, and what remains as arm text (drugs, doses, placebo or control).
/// </summary>
public static class TableCellReader
{
    /// <summary>Outcomes written with their label inside [start, end): "PR: 7.7%", "median OS 26.4 months".</summary>
    public static IEnumerable<OutcomeCell> LabelledOutcomes(string text, int start, int end)
    {
        foreach (System.Text.RegularExpressions.Match m in TablePatterns.LabelledOutcome().Matches(text[..end], start))
        {
            var measure = TablePatterns.Measure(m.Groups["label"].Value);
            var unitText = m.Groups["unit"].Success ? m.Groups["unit"].Value : m.Groups["hunit"].Value;
            var unit = TablePatterns.CanonicalUnit(unitText, measure);
            var value = TablePatterns.CanonicalValue(m.Groups["value"].Value);
            if (!Plausible(value, unit)) continue;
            int e = m.Index + m.Length;
            while (e > m.Index && char.IsWhiteSpace(text[e - 1])) e--;
            yield return new OutcomeCell(m.Index, e, measure, value, unit);
        }
    }

    /// <summary>
    /// The value of a cell under an outcome column ("45.2a", "26.4 (22.1-30.0)"): its first number, or one number per
    /// arm when the cell compares arms ("26.4 vs 19.8").
    /// </summary>
    public static IReadOnlyList<OutcomeCell> ColumnValues(string text, int start, int end, TableColumn column)
    {
        var parts = new List<(int Start, int End)>();
        int pos = start;
        foreach (System.Text.RegularExpressions.Match sep in TablePatterns.ArmSeparator().Matches(text[..end], start))
        {
            parts.Add((pos, sep.Index));
            pos = sep.Index + sep.Length;
        }
        parts.Add((pos, end));
        var cells = new List<OutcomeCell>();
        for (int i = 0; i < parts.Count; i++)
        {
            // "261 (91.3)" under "ORR, n (%)", or "44 (9.2%)" anywhere in a % column: the percentage is the value.
            var cp = TablePatterns.CountPercentCell().Match(text[..parts[i].End], parts[i].Start);
            if (cp.Success && column.Unit == "%" && (cp.Groups["pct"].Success || TablePatterns.CountPercentHeader().IsMatch(column.HeaderText))
                && text.AsSpan(parts[i].Start, cp.Index - parts[i].Start).Trim().IsEmpty)
            {
                var pct = TablePatterns.CanonicalValue(cp.Groups["value"].Value);
                if (Plausible(pct, "%")) cells.Add(new OutcomeCell(cp.Index, cp.Index + cp.Length, column.Measure, pct, "%", parts.Count > 1 ? i : -1));
                continue;
            }
            var m = TablePatterns.Value().Match(text[..parts[i].End], parts[i].Start);
            if (!m.Success) continue;
            var unit = m.Groups["unit"].Success ? TablePatterns.CanonicalUnit(m.Groups["unit"].Value, column.Measure) : column.Unit;
            var value = TablePatterns.CanonicalValue(m.Groups["value"].Value);
            if (!Plausible(value, unit)) continue;
            int e = m.Index + m.Length;
            while (e > m.Index && char.IsWhiteSpace(text[e - 1])) e--;
            cells.Add(new OutcomeCell(m.Index, e, column.Measure, value, unit, parts.Count > 1 ? i : -1));
        }
        return cells;
    }

    /// <summary>Bare values with a unit ("47%", "6.1 months") read as the one header measure of that unit.</summary>
    public static IEnumerable<OutcomeCell> ImpliedOutcomes(string text, int start, int end, IReadOnlyList<HeaderMeaning> implied)
    {
        if (implied.Count == 0) yield break;
        foreach (System.Text.RegularExpressions.Match m in TablePatterns.Value().Matches(text[..end], start))
        {
            if (!m.Groups["unit"].Success) continue;
            var unit = m.Groups["unit"].Value == "%" ? "%" : "months";
            var measures = implied.Where(h => h.Unit == unit).Select(h => h.Measure).Distinct().ToList();
            if (measures.Count != 1) continue;
            // "for 12 months" is a duration of treatment, not an outcome.
            var before = text[Math.Max(start, m.Index - 8)..m.Index].TrimEnd().ToLowerInvariant();
            if (unit == "months" && (before.EndsWith("for") || before.EndsWith("over") || before.EndsWith("after") || before.EndsWith("during"))) continue;
            var value = TablePatterns.CanonicalValue(m.Groups["value"].Value);
            if (!Plausible(value, unit)) continue;
            int e = m.Index + m.Length;
            while (e > m.Index && char.IsWhiteSpace(text[e - 1])) e--;
            yield return new OutcomeCell(m.Index, e, measures[0], value, unit);
        }
    }

    // A percentage above 100 or a four-digit "value" (a year read after a label) is not an outcome.
    private static bool Plausible(string value, string unit) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var v)
        && v >= 0 && (unit != "%" || v <= 100) && v < 1000;

    /// <summary>Parts of [start, end) not covered by <paramref name="consumed"/>, trimmed, without punctuation-only bits.</summary>
    public static IEnumerable<(int Start, int End)> Residue(string text, int start, int end, IEnumerable<(int Start, int End)> consumed)
    {
        int pos = start;
        foreach (var (s, e) in consumed.Where(c => c.End > start && c.Start < end).OrderBy(c => c.Start))
        {
            if (s > pos && Trim(text, pos, s) is { } part) yield return part;
            pos = Math.Max(pos, e);
        }
        if (pos < end && Trim(text, pos, end) is { } last) yield return last;
    }

    private static (int, int)? Trim(string text, int s, int e)
    {
        while (s < e && (char.IsWhiteSpace(text[s]) || IsSeparator(text[s]))) s++;
        while (e > s && (char.IsWhiteSpace(text[e - 1]) || IsSeparator(text[e - 1]))) e--;
        return e > s ? (s, e) : null;
    }

    private static bool IsSeparator(char c) => c is ',' or ';' or ':' or '(' or ')' or '[' or ']' or '|';

    /// <summary>Study and year of a row (as written in its first cell), without reading the arms.</summary>
    public static (string Study, string Year) StudyOf(string text, TableRowText row, TableReader reader)
    {
        var r = Read(text, row, reader.Options.Arms, reader);
        return (r.Study, r.Year);
    }

    public static RowReading Read(string text, TableRowText row, IArmVocabulary arms, TableReader reader)
    {
        string study = "", year = "";
        var outcomes = new List<OutcomeCell>();
        var armText = new List<(int Start, int End)>();
        bool first = true;
        foreach (var piece in row.Pieces)
        {
            var role = piece.Column?.Role ?? ColumnRole.Unknown;
            var consumed = new List<(int, int)>();
            switch (role)
            {
                case ColumnRole.Study:
                {
                    var (st, yr) = ReadStudyCell(text, piece.Start, piece.End, reader, requireAuthor: false);
                    if (study.Length == 0) study = st;
                    if (year.Length == 0) year = yr;
                    continue;
                }
                case ColumnRole.Year:
                    if (year.Length == 0 && TablePatterns.Year().Match(text[..piece.End], piece.Start) is { Success: true } y) year = y.Groups["year"].Value;
                    continue;
                case ColumnRole.Patients:
                    continue;
                case ColumnRole.Measure:
                {
                    var labelled = LabelledOutcomes(text, piece.Start, piece.End).ToList();
                    if (labelled.Count > 0) outcomes.AddRange(labelled);
                    else outcomes.AddRange(ColumnValues(text, piece.Start, piece.End, piece.Column!));
                    continue;
                }
            }
            // Free text (no header, or an arm/dose column): study at the row start, "et al.", outcomes, year, then arms.
            if (first && study.Length == 0 && row.CarriedStudy.Length == 0)
            {
                var m = TablePatterns.StudyStart().Match(text, piece.Start, piece.End - piece.Start);
                if (m.Success && reader.IsStudyStart(text, TextLayout.Line(text, piece.Start, piece.End)))
                {
                    study = StudyName(m);
                    consumed.Add((m.Index, m.Index + m.Length));
                }
            }
            foreach (System.Text.RegularExpressions.Match e in TablePatterns.EtAl().Matches(text[..piece.End], piece.Start))
                consumed.Add((e.Index, e.Index + e.Length));
            foreach (var o in LabelledOutcomes(text, piece.Start, piece.End))
            {
                outcomes.Add(o);
                consumed.Add((o.Start, o.End));
            }
            foreach (System.Text.RegularExpressions.Match y in TablePatterns.Year().Matches(text[..piece.End], piece.Start))
            {
                if (consumed.Any(c => y.Index < c.Item2 && c.Item1 < y.Index + y.Length)) continue;
                if (year.Length == 0) year = y.Groups["year"].Value;
                consumed.Add((y.Index, y.Index + y.Length));
            }
            foreach (var o in ImpliedOutcomes(text, piece.Start, piece.End, row.ImpliedMeasures))
            {
                if (consumed.Any(c => o.Start < c.Item2 && c.Item1 < o.End)) continue;
                outcomes.Add(o);
                consumed.Add((o.Start, o.End));
            }
            armText.AddRange(Residue(text, piece.Start, piece.End, consumed));
            first = false;
        }
        // Values that compare arms within one row ("47% vs 35%") belong to the arm of their side of the "vs".
        var separators = row.Pieces.Where(p => p.Column is null || p.Column.Role is ColumnRole.Arm or ColumnRole.Dose or ColumnRole.Unknown)
            .SelectMany(p => TablePatterns.ArmSeparator().Matches(text[..p.End], p.Start).Select(m => m.Index)).ToList();
        if (separators.Count > 0)
            for (int i = 0; i < outcomes.Count; i++)
                if (outcomes[i].ArmIndex < 0 && row.Pieces.Any(p => (p.Column is null || p.Column.Role is ColumnRole.Arm or ColumnRole.Dose or ColumnRole.Unknown) && outcomes[i].Start >= p.Start && outcomes[i].End <= p.End))
                    outcomes[i] = outcomes[i] with { ArmIndex = separators.Count(s => s < outcomes[i].Start) };
        if (study.Length == 0) study = row.CarriedStudy;
        if (year.Length == 0) year = row.CarriedYear;
        return new RowReading(study, year, ReadArms(text, armText, arms), outcomes);
    }

    /// <summary>"Escudier B" from a StudyStart match: surname and initials without dots.</summary>
    public static string StudyName(System.Text.RegularExpressions.Match m)
    {
        var init = m.Groups["init"].Success ? new string(m.Groups["init"].Value.Where(char.IsLetter).ToArray()) : "";
        return init.Length > 0 ? m.Groups["surname"].Value + " " + init : m.Groups["surname"].Value;
    }

    /// <summary>A cell under a study column: an author ("Smith AB et al. (2015)") or a trial name ("CheckMate 067").</summary>
    public static (string Study, string Year) ReadStudyCell(string text, int start, int end, TableReader reader, bool requireAuthor)
    {
        string year = "";
        var m = TablePatterns.StudyStart().Match(text, start, end - start);
        var y = TablePatterns.Year().Match(text[..end], start);
        if (y.Success) year = y.Groups["year"].Value;
        if (m.Success && (m.Groups["init"].Success || TablePatterns.EtAl().IsMatch(text[..end], m.Index + m.Length))) return (StudyName(m), year);
        if (requireAuthor) return ("", year);
        var s = text[start..end];
        if (y.Success) s = s.Remove(y.Index - start, y.Length);
        s = TablePatterns.EtAl().Replace(s, "");
        var sb = new StringBuilder();
        foreach (var c in s) sb.Append(c is '(' or ')' or '[' or ']' or '*' or '†' or '‡' or '§' ? ' ' : c);
        var name = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim(' ', ',', ';', '.');
        return (name, year);
    }

    /// <summary>
    /// Drugs and doses of a row's arm text, split into arms at "vs"/"versus". A dose belongs to the nearest drug
    /// before it that has none (or the next drug when the dose comes first); in "Nivo 1 mg/kg + Ipi 3 mg/kg q3w" the
    /// trailing schedule applies to every drug of the arm that has a dose but no schedule of its own.
    /// </summary>
    public static IReadOnlyList<ArmCell> ReadArms(string text, IReadOnlyList<(int Start, int End)> armText, IArmVocabulary vocabulary)
    {
        var groups = new List<List<(int, int)>> { new() };
        foreach (var (s, e) in armText)
        {
            int pos = s;
            foreach (System.Text.RegularExpressions.Match sep in TablePatterns.ArmSeparator().Matches(text[..e], s))
            {
                if (sep.Index > pos) groups[^1].Add((pos, sep.Index));
                groups.Add([]);
                pos = sep.Index + sep.Length;
            }
            if (pos < e) groups[^1].Add((pos, e));
        }
        var arms = new List<ArmCell>();
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var drugs = new List<DrugSpan>();
            var doses = new List<DoseSpan>();
            foreach (var (s, e) in g)
            {
                drugs.AddRange(vocabulary.FindDrugs(text, s, e));
                doses.AddRange(vocabulary.FindDoses(text, s, e));
                foreach (System.Text.RegularExpressions.Match c in TablePatterns.ControlArm().Matches(text[..e], s))
                    if (!drugs.Any(d => d.Start < c.Index + c.Length && c.Index < d.End))
                        drugs.Add(new DrugSpan(c.Index, c.Index + c.Length, ControlName(c.Value)));
            }
            if (drugs.Count == 0)
                foreach (var (s, e) in g) drugs.AddRange(vocabulary.FindClasses(text, s, e));
            drugs.Sort((a, b) => a.Start.CompareTo(b.Start));
            // A dose inside a drug span (a lexicon entry that swallowed a number) is not a separate dose.
            doses = doses.Where(d => !drugs.Any(x => d.Start >= x.Start && d.End <= x.End)).OrderBy(d => d.Start).ToList();
            if (drugs.Count == 0) continue;
            var assigned = new DoseSpan?[drugs.Count];
            foreach (var dose in doses)
            {
                int before = drugs.FindLastIndex(d => d.End <= dose.Start);
                int k = before >= 0 ? before : 0; // "10 mg/kg nivolumab": a dose before any drug goes to the next one
                if (assigned[k] is null && drugs[k].Drug != "placebo") assigned[k] = dose;
            }
            // Shared schedule: the last dose's frequency applies to earlier drugs of the arm that have a dose but no schedule.
            var lastFreq = assigned.LastOrDefault(d => d is { Frequency.Length: > 0 });
            if (lastFreq is { } lf)
                for (int i = 0; i < assigned.Length; i++)
                    if (assigned[i] is { Frequency.Length: 0 } d && d.End <= lf.Start)
                        assigned[i] = d with { Frequency = lf.Frequency, DosesPerWeek = lf.DosesPerWeek };
            arms.Add(new ArmCell(drugs.Select((d, i) => new ArmDrug(d, assigned[i])).ToArray(), gi));
        }
        return arms;
    }

    private static string ControlName(string matched)
    {
        var v = matched.ToLowerInvariant();
        return v switch
        {
            "bsc" => "best supportive care",
            "standard care" or "standard of care" => "standard of care",
            _ => v,
        };
    }
}
