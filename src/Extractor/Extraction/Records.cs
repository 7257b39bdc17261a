namespace Extractor.Extraction;

// Result rows. Property order is CSV column order; names become snake_case headers (see Export/CsvExport).
// Every row that comes from the text carries Start/End (cleaned text) and SourceStart/SourceEnd (input as read),
// the 1-based Page of SourceStart and an Evidence snippet of the cleaned text; EvidenceBox is "left,top,right,bottom"
// of the words under the source span on that page (pixels of the page image, PDF points for a text layer), or empty.

[CsvHelper.CsvRecord]
public sealed partial record DocumentInfo
{
    public string DocumentId { get; init; } = "";
    public string SourcePath { get; init; } = "";
    public int Pages { get; init; }
    public int Characters { get; init; }
    public int CorrectionsApplied { get; init; }
    public int CorrectionsSuggested { get; init; }
    public string Title { get; init; } = "";
    public string Journal { get; init; } = "";
    public string Volume { get; init; } = "";
    public string FirstPage { get; init; } = "";
    public string LastPage { get; init; } = "";
    public string Year { get; init; } = "";
    public string Encoding { get; init; } = "";
    public string ContentHash { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record Medication
{
    public string DocumentId { get; init; } = "";
    public string MentionId { get; init; } = "";
    public string RegimenId { get; init; } = "";
    public string Drug { get; init; } = "";
    public string DrugText { get; init; } = "";
    public string DrugClass { get; init; } = "";
    public string DoseValue { get; init; } = "";
    public string DoseUnit { get; init; } = "";
    public string Frequency { get; init; } = "";
    public string DosesPerWeek { get; init; } = "";
    public string Route { get; init; } = "";
    public string Duration { get; init; } = "";
    public string RelativeDose { get; init; } = "";
    public string DoseChange { get; init; } = "";
    public string Timing { get; init; } = "";
    public bool Negated { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    /// <summary>Span of the dose expression (amount through frequency) in the cleaned and the input text; -1 without a dose.</summary>
    public int DoseStart { get; init; } = -1;
    public int DoseEnd { get; init; } = -1;
    public int DoseSourceStart { get; init; } = -1;
    public int DoseSourceEnd { get; init; } = -1;
    /// <summary>Span of the frequency text ("twice daily", "q3w", "monthly", "as needed"); -1 without one.</summary>
    public int FrequencyStart { get; init; } = -1;
    public int FrequencyEnd { get; init; } = -1;
    public int FrequencySourceStart { get; init; } = -1;
    public int FrequencySourceEnd { get; init; } = -1;
    /// <summary>How the row was read: context-only mention, dose copied from an earlier mention, OCR-damaged name ...</summary>
    public string Note { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record TrialArm
{
    public string DocumentId { get; init; } = "";
    public string TableId { get; init; } = "";
    public int Row { get; init; }
    public string Study { get; init; } = "";
    public string Year { get; init; } = "";
    public string Arm { get; init; } = "";
    public string Drug { get; init; } = "";
    public string DrugText { get; init; } = "";
    public string DoseValue { get; init; } = "";
    public string DoseUnit { get; init; } = "";
    public string Frequency { get; init; } = "";
    public string DosesPerWeek { get; init; } = "";
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record Outcome
{
    public string DocumentId { get; init; } = "";
    public string Source { get; init; } = "text"; // text or table
    public string TableId { get; init; } = "";
    public string Row { get; init; } = "";
    public string Study { get; init; } = "";
    public string Year { get; init; } = "";
    public string Arm { get; init; } = "";
    public string Measure { get; init; } = "";
    public string Value { get; init; } = "";
    public string Unit { get; init; } = "";
    public string Qualifier { get; init; } = "";
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record AdverseEvent
{
    public string DocumentId { get; init; } = "";
    public string Event { get; init; } = "";
    public string EventText { get; init; } = "";
    public string Grade { get; init; } = "";
    public bool Negated { get; init; }
    public bool DrugRelated { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record Staging
{
    public string DocumentId { get; init; } = "";
    public string Tnm { get; init; } = "";
    public string Prefix { get; init; } = "";
    public string T { get; init; } = "";
    public string N { get; init; } = "";
    public string M { get; init; } = "";
    public string Sites { get; init; } = "";
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

[CsvHelper.CsvRecord]
public sealed partial record Finding
{
    public string DocumentId { get; init; } = "";
    public string Field { get; init; } = "";
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";
    public string Unit { get; init; } = "";
    public string Qualifier { get; init; } = "";
    public bool Negated { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    public int Page { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceBox { get; init; } = "";
}

/// <summary>A correction as written to corrections.csv: the cleanup's record plus the document it belongs to.</summary>
[CsvHelper.CsvRecord]
public sealed partial record CorrectionRow
{
    public string DocumentId { get; init; } = "";
    public int Start { get; init; }
    public int End { get; init; }
    public string Original { get; init; } = "";
    public string Corrected { get; init; } = "";
    public string Kind { get; init; } = "";
    public double Confidence { get; init; }
    public bool Applied { get; init; }
    public int Page { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>Box of the corrected words on the page (OCR and PDF input), so the scan can be checked; empty for text input.</summary>
    public string EvidenceBox { get; init; } = "";
}

/// <summary>A document that could not be processed, for errors.csv.</summary>
[CsvHelper.CsvRecord]
public sealed partial record ErrorRow
{
    public string DocumentId { get; init; } = "";
    public string SourcePath { get; init; } = "";
    public string Stage { get; init; } = "";
    public string Error { get; init; } = "";
    /// <summary>Machine-readable cause: empty, binary, encrypted, corrupt, too-many-pages, timeout, ... (docs/output.md).</summary>
    public string Reason { get; init; } = "";
}

/// <summary>Everything extracted from one document.</summary>
public sealed record DocumentResult
{
    public required Core.SourceDocument Source { get; init; }
    public required Cleanup.CleanResult Cleanup { get; init; }
    public required DocumentInfo Info { get; init; }
    public IReadOnlyList<Medication> Medications { get; init; } = [];
    public IReadOnlyList<TrialArm> TrialArms { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<AdverseEvent> AdverseEvents { get; init; } = [];
    public IReadOnlyList<Staging> Staging { get; init; } = [];
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
