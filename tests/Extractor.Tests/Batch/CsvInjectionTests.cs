using Extractor.Export;
using Extractor.Extraction;

namespace Extractor.Tests.Batch;

public class CsvInjectionTests
{
    private static string Csv(CsvOptions options, params Finding[] rows)
    {
        var sw = new StringWriter();
        CsvExport.Write(sw, rows, options);
        return sw.ToString();
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+41 22 555")]
    [InlineData("-x")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tlead tab")]
    [InlineData("\rlead cr")]
    public void Cells_a_spreadsheet_would_run_get_an_apostrophe_and_quotes(string value)
    {
        var csv = Csv(CsvOptions.Default, new Finding { DocumentId = "d", Value = value, Start = -1 });
        var line = csv.Split('\n')[1];
        Assert.Contains("\"'" + value.Replace("\"", "\"\""), line);
        Assert.Contains(",-1,", line); // numbers stay numbers
        var back = CsvExport.Read<Finding>(new StringReader(csv)).Single();
        Assert.Equal("'" + value, back.Value);
    }

    [Fact]
    public void Ordinary_cells_and_the_pipeline_option_are_left_alone()
    {
        var plain = Csv(CsvOptions.Default, new Finding { DocumentId = "d", Value = "5 mg", Evidence = "a-b = c" });
        Assert.DoesNotContain("'", plain);
        var raw = Csv(new CsvOptions { NeutralizeFormulas = false }, new Finding { DocumentId = "d", Value = "=1+2" });
        Assert.Equal("=1+2", CsvExport.Read<Finding>(new StringReader(raw)).Single().Value);
    }
}
