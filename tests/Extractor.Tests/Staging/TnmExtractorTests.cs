using Extractor.Extraction.Tnm;
using Extractor.Tests.Support;

namespace Extractor.Tests.Tnm;

public class TnmExtractorTests
{
    [Theory]
    [InlineData("pT2N0M0", "pT2N0M0", "p")]
    [InlineData("ypT1bN1aM0", "ypT1bN1aM0", "yp")]
    [InlineData("cT4N3M1c", "cT4N3M1c", "c")]
    [InlineData("pTisN0M0", "pTisN0M0", "p")]
    [InlineData("TXNXMX", "TXNXMX", "")]
    [InlineData("pT2NOMO", "pT2N0M0", "p")]       // O read as 0
    [InlineData("pT1aNlM0", "pT1aN1M0", "p")]     // l read as 1
    [InlineData("rT3N2bM0", "rT3N2bM0", "r")]
    public void Parses_codes_and_reads_ocr_confusions(string input, string canonical, string prefix)
    {
        var code = TnmExtractor.Parse(input);
        Assert.NotNull(code);
        Assert.Equal(canonical, code!.Canonical);
        Assert.Equal(prefix, code.Prefix);
    }

    [Theory]
    [InlineData("T5N0M0")]   // no T5
    [InlineData("pT2N4M0")]  // no N4
    [InlineData("pT2N0M2")]  // no M2
    [InlineData("T12N0M0")]  // two real digits are no doubled confusable
    public void Rejects_invalid_codes(string input) => Assert.Null(TnmExtractor.Parse(input));

    [Fact]
    public void Reads_spaced_codes_and_sites()
    {
        var rows = FactsHarness.Run("The tumour was staged as T2 N1 M1 (OSS, BRA) at diagnosis.", TnmExtractor.Instance).Staging;
        var row = Assert.Single(rows);
        Assert.Equal("T2N1M1", row.Tnm);
        Assert.Equal("osseous;brain", row.Sites);
        Assert.Equal("T2 N1 M1", "The tumour was staged as T2 N1 M1 (OSS, BRA) at diagnosis."[row.Start..row.End]);
    }

    [Fact]
    public void Ignores_mri_sequences_and_partial_spaced_codes()
    {
        Assert.Empty(FactsHarness.Run("T2-weighted images showed a T1 lesion; N staging was pending.", TnmExtractor.Instance).Staging);
    }

    [Fact]
    public void A_parenthesis_that_names_no_site_is_not_a_site_list()
    {
        var row = Assert.Single(FactsHarness.Run("Stage pT1bN0M0 (stage I) disease.", TnmExtractor.Instance).Staging);
        Assert.Equal("", row.Sites);
    }
}
