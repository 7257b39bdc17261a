namespace Extractor.Extraction.Tables;

/// <summary>
/// A cell of a table line: a span of the cleaned text and its horizontal extent. X is in character columns for a
/// text layout and in page pixels for a layout rebuilt from OCR word boxes; only comparisons within one table use it.
/// </summary>
public readonly record struct TableCell(int Start, int End, double Left, double Right)
{
    public string TextOf(string text) => text.Substring(Start, End - Start);
    public double Overlap(double left, double right) => Math.Max(0, Math.Min(Right, right) - Math.Max(Left, left));
}

/// <summary>One visual line of a table: its span in the cleaned text and its cells, left to right.</summary>
public sealed record TableLine(int Start, int End, IReadOnlyList<TableCell> Cells)
{
    public string TextOf(string text) => text.Substring(Start, End - Start);
    public bool IsBlank => Cells.Count == 0;
}

/// <summary>A table found in the text: id, caption span (empty when uncaptioned) and its lines after the caption.</summary>
public sealed record TableBlock(string Id, int CaptionStart, int CaptionEnd, IReadOnlyList<TableLine> Lines)
{
    public int Start => Lines.Count > 0 ? Math.Min(CaptionStart, Lines[0].Start) : CaptionStart;
    public int End => Lines.Count > 0 ? Lines[^1].End : CaptionEnd;
}

/// <summary>What a header cell says a column holds.</summary>
public enum ColumnRole { Unknown, Study, Year, Arm, Dose, Patients, Measure }

/// <summary>A header column: its role, measure and unit (for outcome columns) and its horizontal extent.</summary>
public sealed record TableColumn(ColumnRole Role, string Measure, string Unit, double Left, double Right, string HeaderText);

/// <summary>How a table line was classified before rows are built.</summary>
public enum LineKind { Blank, Header, Garbage, Other, Data, Footnote }

/// <summary>A piece of a row's text with the column it falls under (null when the table has no usable header).</summary>
public readonly record struct RowPiece(int Start, int End, TableColumn? Column);

/// <summary>A logical data row: one or more lines (a row broken across lines) read as one record.</summary>
public sealed class TableRowText
{
    public List<RowPiece> Pieces { get; } = [];
    public List<TableLine> Lines { get; } = [];
    /// <summary>Study and year carried from the row above when this row is another arm of the same study.</summary>
    public string CarriedStudy { get; set; } = "";
    public string CarriedYear { get; set; } = "";
    /// <summary>Outcome measures a header names without giving them columns ("Study Year Arm ORR" on one line):
    /// a bare "47%" or "6.1 months" in the row is read as the one measure of that unit.</summary>
    public IReadOnlyList<HeaderMeaning> ImpliedMeasures { get; set; } = [];
    public int Start => Lines.Count > 0 ? Lines[0].Start : 0;
    public int End => Lines.Count > 0 ? Lines[^1].End : 0;
}
