using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Extraction.Medications;
using Extractor.Language;

namespace Extractor.Tests.Medications;

public class MedicationExtractorTests
{
    internal static List<Medication> Extract(string text)
    {
        var source = new SourceDocument { DocumentId = "t", SourcePath = "t.txt", Text = text };
        var doc = new AnalyzedDocument(source, IdentityCleaner.Instance.Clean(text));
        var sink = new ExtractionSink();
        MedicationExtractor.Instance.Extract(doc, sink);
        return sink.Medications;
    }

    [Fact]
    public void Reads_drug_dose_frequency_and_route()
    {
        var rows = Extract("He was treated with oral prednisolone 30 mg once daily.");
        var r = Assert.Single(rows);
        Assert.Equal("prednisolone", r.Drug);
        Assert.Equal("30", r.DoseValue);
        Assert.Equal("mg", r.DoseUnit);
        Assert.Equal("1/d", r.Frequency);
        Assert.Equal("7", r.DosesPerWeek);
        Assert.Equal("oral", r.Route);
        Assert.Equal("1", r.RegimenId);
    }
}
