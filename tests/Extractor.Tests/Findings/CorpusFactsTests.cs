using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Pipeline;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

/// <summary>
/// Golden test over every corpus folder: the default pipeline's adverse_events, staging, findings, text outcomes and
/// bibliographic fields must equal the hand-written expected CSVs (only the columns the expected file has; whitespace
/// folded), and every row's input span must be what was read.
/// </summary>
public class CorpusFactsTests
{
    private static readonly string[] Files = ["adverse_events", "staging", "findings", "outcomes_text", "documents"];

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot.Path, "corpus")).OrderBy(d => d, StringComparer.Ordinal))
            if (Files.Any(f => File.Exists(Path.Combine(dir, "expected", f + ".csv")))) data.Add(Path.GetFileName(dir));
        return data;
    }

    private static readonly Dictionary<string, DocumentResult> Cache = [];

    private static DocumentResult Process(string folder)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(folder, out var r)) return r;
            string path = Path.Combine(RepoRoot.Path, "corpus", folder, "report.txt");
            var source = TextDocumentReader.Instance.Read(path, "report");
            r = DocumentPipeline.CreateDefault().Process(source);
            return Cache[folder] = r;
        }
    }

    private static string Fold(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<Dictionary<string, string>> Actual(DocumentResult result, string file)
    {
        var sw = new StringWriter();
        var plain = new CsvOptions { NeutralizeFormulas = false };
        switch (file)
        {
            case "adverse_events": CsvExport.Write(sw, result.AdverseEvents, plain); break;
            case "staging": CsvExport.Write(sw, result.Staging, plain); break;
            case "findings": CsvExport.Write(sw, result.Findings, plain); break;
            case "outcomes_text": CsvExport.Write(sw, result.Outcomes.Where(o => o.Source == "text"), plain); break;
            case "documents": CsvExport.Write(sw, [result.Info], plain); break;
        }
        return SimpleCsv.Parse(sw.ToString());
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Facts_match_the_expected_files(string folder)
    {
        var result = Process(folder);
        var problems = new List<string>();
        foreach (var file in Files)
        {
            string expectedPath = Path.Combine(RepoRoot.Path, "corpus", folder, "expected", file + ".csv");
            if (!File.Exists(expectedPath)) continue;
            var expected = SimpleCsv.Parse(File.ReadAllText(expectedPath));
            var actual = Actual(result, file);
            var columns = expected.Count > 0 ? expected[0].Keys.Where(k => k != "document_id").ToList() : [];
            string Row(Dictionary<string, string> r) => string.Join(" | ", columns.Select(c => Fold(r.GetValueOrDefault(c, "<missing>"))));
            var e = expected.Select(Row).ToList();
            var a = actual.Select(Row).ToList();
            foreach (var missing in e.Except(a)) problems.Add($"{file}: missing   {missing}");
            foreach (var extra in a.Except(e)) problems.Add($"{file}: unexpected {extra}");
        }
        Assert.True(problems.Count == 0, folder + ":\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_row_points_at_what_was_read(string folder)
    {
        var result = Process(folder);
        string input = result.Source.Text, clean = result.Cleanup.Text;
        var spans = result.AdverseEvents.Select(r => (r.Start, r.End, r.SourceStart, r.SourceEnd, r.Page))
            .Concat(result.Staging.Select(r => (r.Start, r.End, r.SourceStart, r.SourceEnd, r.Page)))
            .Concat(result.Findings.Select(r => (r.Start, r.End, r.SourceStart, r.SourceEnd, r.Page)))
            .Concat(result.Outcomes.Where(o => o.Source == "text").Select(r => (r.Start, r.End, r.SourceStart, r.SourceEnd, r.Page)));
        foreach (var (s, e, ss, se, page) in spans)
        {
            Assert.InRange(s, 0, e);
            Assert.InRange(ss, 0, se);
            Assert.True(se <= input.Length && e <= clean.Length);
            Assert.Equal(result.Source.PageAt(ss), page);
            // Unless the cleanup changed something inside, the input span reads as the cleaned span.
            bool corrected = result.Cleanup.Corrections.Any(c => c.Applied && c.Start < se && ss < c.End);
            if (!corrected) Assert.Equal(Fold(clean[s..e]), Fold(input[ss..se]));
        }
    }
}
