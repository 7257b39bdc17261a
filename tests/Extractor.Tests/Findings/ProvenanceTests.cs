using Extractor.Language.Patterns;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class ProvenanceTests
{
    [Fact]
    public void A_span_with_edge_spaces_is_trimmed_in_the_cleaned_and_the_input_text()
    {
        const string text = "Weight:   71 kg today.";
        var doc = FactsHarness.Analyze(text);
        int start = text.IndexOf(':') + 1, end = text.IndexOf(" today", StringComparison.Ordinal) + 1;
        var loc = Provenance.Locate(doc, start, end);
        Assert.Equal("71 kg", doc.Text[loc.Start..loc.End]);
        Assert.Equal("71 kg", text[loc.SourceStart..loc.SourceEnd]);
    }
}
