using Extractor.Language;

namespace Extractor.Extraction;

/// <summary>Finds one kind of fact in an analysed document and adds rows to the sink.</summary>
public interface IExtractor
{
    void Extract(AnalyzedDocument document, ExtractionSink sink);
}

/// <summary>Rows found so far in one document; extractors may read what earlier extractors added.</summary>
public sealed class ExtractionSink
{
    public List<Medication> Medications { get; } = [];
    public List<TrialArm> TrialArms { get; } = [];
    public List<Outcome> Outcomes { get; } = [];
    public List<AdverseEvent> AdverseEvents { get; } = [];
    public List<Staging> Staging { get; } = [];
    public List<Finding> Findings { get; } = [];
    /// <summary>Bibliographic fields found in the text (title, journal, volume, pages, year).</summary>
    public DocumentInfo Info { get; set; } = new();
}
