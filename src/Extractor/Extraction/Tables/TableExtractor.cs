using Extractor.Language;

namespace Extractor.Extraction.Tables;

/// <summary>
/// Comparison tables of trials: each data row becomes trial_arms rows (one per drug of an arm) and outcomes rows
/// with source "table". Lines and cells come from OCR word boxes when the document has them (see
/// <see cref="WordGeometryLayout"/>), else from the text layout.
/// </summary>
public sealed class TableExtractor(TableReaderOptions? options = null) : IExtractor
{
    public static readonly TableExtractor Instance = new();
    private readonly TableReader _reader = new(options);

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        var text = document.Text;
        foreach (var table in Read(document))
        {
            var readings = table.Rows.Select(r => (Row: r, Reading: TableCellReader.Read(text, r, _reader.Options.Arms, _reader))).ToList();
            // A comparison table names studies or reports outcomes; a treatment schedule or a lab table with a
            // drug in it does neither and gives no trial arms.
            if (!readings.Any(r => r.Reading.Outcomes.Count > 0 || r.Reading.Study.Length > 0)) continue;
            int rowNumber = 0;
            foreach (var (row, reading) in readings)
            {
                if (reading.Arms.Count == 0 && reading.Outcomes.Count == 0) continue;
                rowNumber++;
                var evidence = RowEvidence(text, row);
                foreach (var arm in reading.Arms)
                {
                    foreach (var drug in arm.Drugs)
                    {
                        var loc = document.Locate(drug.Start, drug.End);
                        sink.TrialArms.Add(new TrialArm
                        {
                            DocumentId = document.DocumentId,
                            TableId = table.Block.Id,
                            Row = rowNumber,
                            Study = reading.Study,
                            Year = reading.Year,
                            Arm = arm.Label,
                            Drug = drug.Drug.Drug,
                            DrugText = text[drug.Drug.Start..drug.Drug.End],
                            DoseValue = drug.Dose?.Value ?? "",
                            DoseUnit = drug.Dose?.Unit ?? "",
                            Frequency = drug.Dose?.Frequency ?? "",
                            DosesPerWeek = drug.Dose?.DosesPerWeek ?? "",
                            Start = loc.Start, End = loc.End, SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
                            Page = loc.Page,
                            Evidence = evidence,
                        });
                    }
                }
                // Outcomes name their arm when the row has one arm; with several, the row alone says which.
                var armLabel = reading.Arms.Count == 1 ? reading.Arms[0].Label : "";
                foreach (var o in reading.Outcomes)
                {
                    var loc = document.Locate(o.Start, o.End);
                    sink.Outcomes.Add(new Outcome
                    {
                        DocumentId = document.DocumentId,
                        Source = "table",
                        TableId = table.Block.Id,
                        Row = rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Study = reading.Study,
                        Year = reading.Year,
                        Arm = o.ArmIndex >= 0 ? reading.Arms.FirstOrDefault(a => a.GroupIndex == o.ArmIndex)?.Label ?? "" : armLabel,
                        Measure = o.Measure,
                        Value = o.Value,
                        Unit = o.Unit,
                        Start = loc.Start, End = loc.End, SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
                        Page = loc.Page,
                        Evidence = evidence,
                    });
                }
            }
        }
    }

    /// <summary>The tables of a document, read from word geometry when there are word boxes, else from the text.</summary>
    public IReadOnlyList<ParsedTable> Read(AnalyzedDocument document)
    {
        var text = document.Text;
        var tables = new List<ParsedTable>();
        foreach (var block in _reader.FindBlocks(text))
        {
            var b = block;
            if (_reader.Options.UseWordGeometry && document.Source.Words.Count > 0
                && WordGeometryLayout.Rebuild(document, block) is { } geometric)
                b = geometric;
            tables.Add(_reader.Parse(text, b));
        }
        return tables;
    }

    private static string RowEvidence(string text, TableRowText row)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var line in row.Lines)
        {
            if (sb.Length > 0) sb.Append(" | ");
            var cells = string.Join(' ', line.Cells.Select(c => c.TextOf(text)));
            sb.Append(string.Join(' ', cells.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        }
        return sb.ToString();
    }
}
