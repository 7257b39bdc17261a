using System.Net;
using System.Text.RegularExpressions;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Report;

namespace Extractor.Tests.Report;

public class HtmlReportTests
{
    private static string Pre(string html)
    {
        int s = html.IndexOf("<pre class=\"doc\">", StringComparison.Ordinal), e = html.IndexOf("</pre>", s, StringComparison.Ordinal);
        return html[(s + "<pre class=\"doc\">".Length)..e];
    }

    [Fact]
    public void Untrusted_text_is_escaped_and_only_our_script_runs()
    {
        var html = HtmlReport.Instance.Render(ReportSamples.Build());
        Assert.Equal(1, Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;", html);
        Assert.Contains("A &lt;b&gt;bold&lt;/b&gt; title", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "")); // nothing loaded from the network
    }

    [Fact]
    public void Text_with_its_tags_removed_is_the_cleaned_text_and_tags_nest()
    {
        var r = ReportSamples.Build();
        var pre = Pre(HtmlReport.Instance.Render(r));
        // Balanced: every closing tag closes the innermost open one.
        var stack = new Stack<string>();
        foreach (Match m in Regex.Matches(pre, "<(/?)([a-z]+)[^>]*>"))
        {
            if (m.Groups[1].Value == "") { stack.Push(m.Groups[2].Value); continue; }
            Assert.Equal(stack.Pop(), m.Groups[2].Value);
        }
        Assert.Empty(stack);
        Assert.DoesNotMatch("<a [^>]*>(?:(?!</a>).)*<a ", pre.ReplaceLineEndings(" ")); // no link inside a link
        string plain = WebUtility.HtmlDecode(Regex.Replace(pre, "<[^>]+>", ""));
        Assert.Equal(r.Cleanup.Text.Replace("\f", ""), plain);
    }

    [Fact]
    public void Corrections_are_marked_with_original_kind_and_confidence_and_suggestions_differently()
    {
        var html = HtmlReport.Instance.Render(ReportSamples.Build());
        Assert.Matches("<mark class=\"corr applied\" id=\"corr-1\"[^>]*data-original=\"IFN-a\"[^>]*data-corrected=\"IFN-α\"[^>]*data-kind=\"greek\"[^>]*data-confidence=\"0.97\"[^>]*>IFN-α</mark>", html);
        Assert.Matches("<mark class=\"corr suggested\" id=\"corr-3\"[^>]*data-corrected=\"occurred\"[^>]*>occured</mark>", html);
        Assert.Matches("<mark class=\"corr applied empty\" id=\"corr-4\"[^>]*data-original=\"-⏎\"[^>]*></mark>noma", html);
        // each mark links back to its row, each row to its mark
        Assert.Contains("data-row=\"corrections-1\"", html);
        Assert.Matches("<tr id=\"corrections-1\" class=\"applied\"><td><a href=\"#corr-1\">", html);
        Assert.Matches("<tr id=\"corrections-3\" class=\"suggested\">", html);
    }

    [Fact]
    public void Every_row_links_to_its_evidence_and_back()
    {
        var html = HtmlReport.Instance.Render(ReportSamples.Build());
        foreach (var rowId in new[] { "medications-M1", "adverse_events-1", "adverse_events-2", "staging-1", "trial_arms-1", "outcomes-1" })
        {
            Assert.Matches($"<tr id=\"{rowId}\"><td><a href=\"#ev-{rowId}\">in text</a>", html);
            Assert.Matches($"(href|data-href)=\"#{rowId}\" id=\"ev-{rowId}\"", html);
        }
        Assert.Contains("class=\"ent ent-med\"", html);
        Assert.Contains("class=\"ent ent-ae\"", html);
        Assert.Contains("class=\"ent ent-stage\"", html);
        Assert.Contains("class=\"ent ent-outcome\"", html);
    }

    [Fact]
    public void Table_rows_are_rebuilt_from_trial_arms_and_table_outcomes()
    {
        var html = HtmlReport.Instance.Render(ReportSamples.Build());
        var m = Regex.Match(html, "<table class=\"rebuilt\" id=\"table-2\".*?</table>", RegexOptions.Singleline);
        Assert.True(m.Success);
        Assert.Matches("<tr id=\"table-2-row-1\"><td>1</td><td>Smith J</td><td>2001</td><td><a class=\"cell\" href=\"#trial_arms-1\">drugx 50 mg 1/d</a> </td><td><a class=\"cell\" href=\"#outcomes-1\">ORR 12%</a>", m.Value);
    }

    [Fact]
    public void Ocr_words_are_drawn_on_a_blank_page_when_the_image_is_unknown_and_low_confidence_is_marked()
    {
        var words = new List<OcrWord> { new("Pt", 1, new BoundingBox(10, 10, 40, 30), 95, 0, 2), new("<got>", 1, new BoundingBox(50, 10, 90, 30), 31, 3, 6) };
        var html = HtmlReport.Instance.Render(ReportSamples.Build(words));
        Assert.Contains("<rect class=\"blank\"", html);
        Assert.Single(Regex.Matches(html, "<rect class=\"word low\""));
        Assert.Single(Regex.Matches(html, "<rect class=\"word\""));
        Assert.Contains("&lt;got&gt; (confidence 31)", html);
        Assert.DoesNotContain("data:image", html);
    }

    [Fact]
    public void A_known_page_image_is_embedded_as_a_data_uri_with_its_size()
    {
        string dir = Directory.CreateTempSubdirectory("report-img").FullName;
        try
        {
            // A 3x2 PNG header is all the size reader needs; the bytes are embedded as they are.
            byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0];
            string path = Path.Combine(dir, "scan.png");
            File.WriteAllBytes(path, png);
            var words = new List<OcrWord> { new("Pt", 1, new BoundingBox(0, 0, 2, 1), 90, 0, 2) };
            var r = ReportSamples.Build(words, sourcePath: path);
            var html = new HtmlReport(new ReportOptions { PageImage = (_, page) => page == 1 ? path : null }).Render(r);
            Assert.Contains("viewBox=\"0 0 3 2\"", html);
            Assert.Contains("href=\"data:image/png;base64," + Convert.ToBase64String(png) + "\"", html);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Page_images_are_found_for_image_inputs_and_page_folders_but_not_for_other_inputs()
    {
        string dir = Directory.CreateTempSubdirectory("report-pages").FullName;
        try
        {
            byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0];
            string folder = Directory.CreateDirectory(Path.Combine(dir, "scan")).FullName;
            foreach (var name in new[] { "p10.png", "p2.png", "p1.png" }) File.WriteAllBytes(Path.Combine(folder, name), png);
            var doc = new SourceDocument { DocumentId = "scan", SourcePath = folder, Text = "a\fb\fc" };
            Assert.Equal(Path.Combine(folder, "p2.png"), ReportOptions.DefaultPageImage(doc, 2));
            Assert.Equal(Path.Combine(folder, "p10.png"), ReportOptions.DefaultPageImage(doc, 3));
            Assert.Null(ReportOptions.DefaultPageImage(doc, 4));
            Assert.Equal(Path.Combine(folder, "p1.png"), ReportOptions.DefaultPageImage(doc with { SourcePath = Path.Combine(folder, "p1.png"), Text = "a" }, 1));
            File.WriteAllText(Path.Combine(dir, "x.txt"), "a");
            Assert.Null(ReportOptions.DefaultPageImage(doc with { SourcePath = Path.Combine(dir, "x.txt"), Text = "a" }, 1));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Without_an_image_the_blank_page_has_the_size_the_reader_recorded()
    {
        var words = new List<OcrWord> { new("Pt", 1, new BoundingBox(10, 10, 40, 30), 95, 0, 2) };
        var r = ReportSamples.Build(words);
        r = r with { Source = r.Source with { PageDetails = [new PageDetail(1, 2480, 3508, "px", 300, "ocr")] } };
        Assert.Contains("viewBox=\"0 0 2480 3508\"", HtmlReport.Instance.Render(r));
    }

    [Fact]
    public void Write_puts_the_page_under_the_report_folder_whatever_the_document_id()
    {
        string dir = Directory.CreateTempSubdirectory("report-w").FullName;
        try
        {
            var r = ReportSamples.Build();
            r = r with { Info = r.Info with { DocumentId = "../../evil" } };
            string path = HtmlReport.Instance.Write(r, dir);
            Assert.Equal(Path.GetFullPath(dir), Path.GetDirectoryName(path));
            Assert.Equal("______evil.html", Path.GetFileName(path));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Index_counts_each_document_and_lists_failed_ones_with_their_error()
    {
        string dir = Directory.CreateTempSubdirectory("report-index").FullName;
        try
        {
            using (var w = new StreamWriter(Path.Combine(dir, "documents.csv")))
                Extractor.Export.CsvExport.Write(w, [new DocumentInfo { DocumentId = "a", SourcePath = "in/a.txt", Pages = 2 }, new DocumentInfo { DocumentId = "b", SourcePath = "in/b.txt", Pages = 1 }]);
            using (var w = new StreamWriter(Path.Combine(dir, "medications.csv")))
                Extractor.Export.CsvExport.Write(w, [new Medication { DocumentId = "a" }, new Medication { DocumentId = "a" }, new Medication { DocumentId = "b" }]);
            using (var w = new StreamWriter(Path.Combine(dir, "corrections.csv")))
                Extractor.Export.CsvExport.Write(w, [new CorrectionRow { DocumentId = "a", Applied = true }, new CorrectionRow { DocumentId = "a", Applied = false }]);
            using (var w = new StreamWriter(Path.Combine(dir, "errors.csv")))
                Extractor.Export.CsvExport.Write(w, [new ErrorRow { DocumentId = "bad", SourcePath = "in/bad.pdf", Stage = "read", Error = "corrupt <pdf>" }]);
            var entries = ReportIndex.FromOutput(dir);
            Assert.Equal(["a", "b", "bad"], entries.Select(e => e.DocumentId));
            Assert.Equal((2, 1, 1, 2), (entries[0].Medications, entries[0].CorrectionsApplied, entries[0].CorrectionsSuggested, entries[0].Pages));
            Assert.True(entries[2].Failed);
            string path = ReportIndex.Write(dir);
            string html = File.ReadAllText(path);
            Assert.Contains("read: corrupt &lt;pdf&gt;", html);
            Assert.Contains("<tr id=\"doc-bad\" class=\"failed\">", html);
            Assert.Contains("1 failed", html);
        }
        finally { Directory.Delete(dir, true); }
    }
}
