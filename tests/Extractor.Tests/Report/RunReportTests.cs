using System.Text.Json;
using Extractor.Cli;
using Extractor.Cli.Terminal;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Pipeline;
using Extractor.Review;
using Extractor.Tests.Evaluation;

namespace Extractor.Tests.Report;

/// <summary>`extractor run` end to end: review pages, review files that last, JSON Lines, progress and summary.</summary>
public sealed class RunReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("run-report").FullName;
    private string Out => Path.Combine(_dir, "out");

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string Input(string name, string text)
    {
        string path = Path.Combine(_dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Run_writes_a_page_per_document_and_an_index_listing_failures()
    {
        var good = Input("case-a.txt", "A 54-year-old man <script>alert(1)</script> received 10 mg daily.\n");
        var empty = Input("case-b.txt", "");
        var (exit, _, err) = CliRunner.Run("run", good, empty, "--out", Out, "--jobs", "1");
        Assert.Equal(ExitCodes.SomeFailed, exit);
        string page = File.ReadAllText(Path.Combine(Out, "report", "case-a.html"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<script"));
        Assert.False(File.Exists(Path.Combine(Out, "report", "case-b.html")));
        string index = File.ReadAllText(Path.Combine(Out, "report", "index.html"));
        Assert.Contains("<a href=\"case-a.html\">case-a</a>", index);
        Assert.Matches("<tr id=\"doc-case-b\" class=\"failed\">", index);
        // summary table on stderr
        foreach (var row in new[] { "documents", "pages", "corrections", "facts", "errors", "time" })
            Assert.Matches($"(?m)^  {row} +\\S", err);
        Assert.Contains("1 failed", err);
    }

    [Fact]
    public void No_report_skips_the_pages_and_jsonl_writes_the_csv_fields_as_json_lines()
    {
        var good = Input("case-c.txt", "=cmd|' /C calc'!A0 and -5 mg\n");
        var (exit, _, _) = CliRunner.Run("run", good, "--out", Out, "--no-report", "--format", "jsonl", "--quiet");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.False(Directory.Exists(Path.Combine(Out, "report")));
        foreach (var table in RunOutput.TableNames)
        {
            Assert.True(File.Exists(Path.Combine(Out, table + ".jsonl")), table);
            Assert.False(File.Exists(Path.Combine(Out, table + ".csv")), table);
        }
        var line = Assert.Single(File.ReadAllLines(Path.Combine(Out, "documents.jsonl")));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(CsvExport.Columns<DocumentInfo>(), json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("case-c", json.RootElement.GetProperty("document_id").GetString());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("pages").ValueKind);
    }

    [Fact]
    public void Jsonl_rows_carry_the_same_fields_and_values_as_csv_rows()
    {
        var rows = new[] { new Medication { DocumentId = "d", MentionId = "M1", Drug = "interferon alfa", DrugText = "IFN-α", Negated = true, Start = 3, End = 9, Evidence = "×3/W \"q\"" } };
        var sw = new StringWriter();
        JsonlExport.Write(sw, rows);
        using var json = JsonDocument.Parse(sw.ToString().TrimEnd('\n'));
        Assert.Equal(CsvExport.Columns<Medication>(), json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("IFN-α", json.RootElement.GetProperty("drug_text").GetString());
        Assert.True(json.RootElement.GetProperty("negated").GetBoolean());
        Assert.Equal(9, json.RootElement.GetProperty("end").GetInt32());
        Assert.Contains("\"drug_text\":\"IFN-α\"", sw.ToString()); // readable, not \u escapes
    }

    [Fact]
    public void Review_decisions_survive_reruns_and_the_review_files_are_never_overwritten()
    {
        var input = Input("case-d.txt", "The tumour was 12 cm wide on imaging.\n");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("run", input, "--out", Out, "--quiet").ExitCode);
        string corrections = Path.Combine(Out, ReviewBook.CorrectionsFile), meds = Path.Combine(Out, "medications.review.csv");
        Assert.True(File.Exists(corrections));
        Assert.True(File.Exists(meds));
        // The reviewer adds a correction the cleanup did not make and a medication the extractors missed.
        string text = File.ReadAllText(input);
        int at = text.IndexOf("tumour", StringComparison.Ordinal);
        File.AppendAllText(corrections, $"case-d,{at},{at + 6},tumour,mass,manual,,true,accept,1,house style,,\n");
        var medHeader = File.ReadAllLines(meds)[0].Split(',');
        var cells = medHeader.Select(h => h switch
        {
            "document_id" => "case-d", "drug" => "placebo", "source_start" => "0", "source_end" => "6", "decision" => "add", _ => "",
        });
        File.AppendAllText(meds, string.Join(',', cells) + "\n");
        string reviewedCorrections = File.ReadAllText(corrections), reviewedMeds = File.ReadAllText(meds);

        for (int run = 0; run < 2; run++)
        {
            var (exit, _, err) = CliRunner.Run("run", input, "--out", Out, "--quiet", "--resume");
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("The mass was 12 cm wide on imaging.", File.ReadAllText(Path.Combine(Out, "case-d.clean.txt")));
            var log = CsvExport.Read<CorrectionRow>(new StringReader(File.ReadAllText(Path.Combine(Out, "corrections.csv"))));
            var fix = Assert.Single(log, c => c.Original == "tumour");
            Assert.True(fix.Applied);
            Assert.Equal("mass", fix.Corrected);
            Assert.Contains("review", fix.Reason); // an added correction, or the cleanup's own suggestion there, decided
            Assert.Contains(CsvExport.Read<Medication>(new StringReader(File.ReadAllText(Path.Combine(Out, "medications.csv")))), m => m.Drug == "placebo");
            Assert.Equal(reviewedCorrections, File.ReadAllText(corrections));
            Assert.Equal(reviewedMeds, File.ReadAllText(meds));
            Assert.Contains("reviewer decisions applied", err);
        }
    }

    [Fact]
    public void A_rejected_or_fixed_fact_is_dropped_or_changed_keeping_its_provenance()
    {
        var rows = new List<AdverseEvent>
        {
            new() { DocumentId = "d", Event = "fatigue", Grade = "1", SourceStart = 5, SourceEnd = 12, Start = 5, End = 12 },
            new() { DocumentId = "d", Event = "rash", Grade = "2", SourceStart = 20, SourceEnd = 24, Start = 19, End = 23 },
        };
        FactReviewer.Apply(rows,
        [
            new FactDecision("adverse_events", "reject", 5, 12, 0, new Dictionary<string, string>()),
            new FactDecision("adverse_events", "fix", 20, 24, 0, new Dictionary<string, string> { ["grade"] = "3", ["start"] = "999", ["negated"] = "TRUE" }),
        ], "d");
        var left = Assert.Single(rows);
        Assert.Equal(("rash", "3", true, 19), (left.Event, left.Grade, left.Negated, left.Start));
    }

    [Fact]
    public void Progress_is_a_bar_on_a_terminal_and_plain_lines_elsewhere()
    {
        var tty = new StringWriter();
        var bar = new ProgressDisplay(tty, terminal: true, quiet: false);
        bar.AddPages(4);
        bar.Report(new BatchProgress(1, 4, "a", null));
        bar.Report(new BatchProgress(2, 4, "b", "empty file") { SourcePath = "in/b.txt", Reason = "empty" });
        bar.Finish();
        Assert.Contains("\r[", tty.ToString());
        Assert.Contains("1/4", tty.ToString());
        Assert.Contains("pages/min", tty.ToString());
        Assert.Contains("ETA", tty.ToString());
        Assert.Contains("error: in/b.txt: empty file [empty]\n", tty.ToString());

        var log = new StringWriter();
        var lines = new ProgressDisplay(log, terminal: false, quiet: false);
        lines.Report(new BatchProgress(1, 2, "a", null));
        Assert.Equal("[1/2] a\n", log.ToString().ReplaceLineEndings("\n"));
        var quiet = new StringWriter();
        new ProgressDisplay(quiet, terminal: true, quiet: true).Report(new BatchProgress(1, 2, "a", null));
        Assert.Equal("", quiet.ToString());

        Assert.Equal("[##########----------] 2/4  30.0 pages/min  ETA 2m 00s", ProgressDisplay.Bar(2, 4, 60, TimeSpan.FromMinutes(2), 55));
    }

    [Fact]
    public void Bad_options_are_one_line_with_the_reason()
    {
        var (exit, _, err) = CliRunner.Run("run", "x.txt", "--out", Out, "--format", "xml");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("extractor run: --format takes csv or jsonl (or csv,jsonl), not 'xml'", err.Trim());
        var (exit2, help, _) = CliRunner.Run("run", "--help");
        Assert.Equal(0, exit2);
        Assert.Contains("--format csv|jsonl", help);
        Assert.Contains("--no-report", help);
        Assert.Contains("Example", help);
    }

    [Fact]
    public void A_resumed_batch_has_a_complete_index_and_a_page_for_every_document()
    {
        var a = Input("case-e.txt", "He received cisplatin 20 mg daily.\n");
        var b = Input("case-f.txt", "Grade 2 nausea followed.\n");
        // An earlier run without pages, then one that lost a page: --resume makes the missing pages, keeps the others.
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("run", a, b, "--out", Out, "--quiet", "--no-report").ExitCode);
        var (exit, _, err) = CliRunner.Run("run", a, b, "--out", Out, "--quiet", "--resume");
        Assert.Equal(ExitCodes.Ok, exit);
        string report = Path.Combine(Out, "report");
        Assert.True(File.Exists(Path.Combine(report, "case-e.html")) && File.Exists(Path.Combine(report, "case-f.html")), err);
        File.Delete(Path.Combine(report, "case-e.html"));
        var keptAt = File.GetLastWriteTimeUtc(Path.Combine(report, "case-f.html"));
        (exit, _, err) = CliRunner.Run("run", a, b, "--out", Out, "--quiet", "--resume");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches("(?m)^  documents +2 \\(2 done, 1 resumed\\)$", err);
        string page = File.ReadAllText(Path.Combine(report, "case-e.html"));
        Assert.Contains("cisplatin", page);
        Assert.Matches("<tr id=\"medications-[^\"]+\"><td><a href=\"#ev-medications-", page);
        Assert.Equal(keptAt, File.GetLastWriteTimeUtc(Path.Combine(report, "case-f.html")));
        string index = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("<a href=\"case-e.html\">case-e</a>", index);
        Assert.Contains("<a href=\"case-f.html\">case-f</a>", index);
    }

    private static readonly Dictionary<string, Type> RowTypes = new()
    {
        ["documents"] = typeof(DocumentInfo), ["corrections"] = typeof(CorrectionRow), ["medications"] = typeof(Medication),
        ["trial_arms"] = typeof(TrialArm), ["outcomes"] = typeof(Outcome), ["adverse_events"] = typeof(AdverseEvent),
        ["staging"] = typeof(Staging), ["findings"] = typeof(Finding), ["errors"] = typeof(ErrorRow),
    };

    [Fact]
    public void Jsonl_of_the_seed_has_the_csv_fields_and_values_with_json_types_one_object_a_line()
    {
        string seed = Path.Combine(ReportSamples.RepoRoot(), "corpus", "hinyokika-kiyo-2009", "report.txt");
        var (exit, _, err) = CliRunner.Run("run", seed, "--out", Out, "--quiet", "--no-report", "--format", "csv,jsonl");
        Assert.True(exit == 0, err);
        Assert.Equal(RunOutput.TableNames.Order(), RowTypes.Keys.Order());
        int values = 0;
        foreach (var table in RunOutput.TableNames)
        {
            string csvText = File.ReadAllText(Path.Combine(Out, table + ".csv"));
            var header = csvText[..csvText.IndexOf('\n')].Split(',');
            var csv = Extractor.Tests.Support.SimpleCsv.Parse(csvText);
            var lines = File.ReadAllText(Path.Combine(Out, table + ".jsonl")).Split('\n');
            Assert.Equal("", lines[^1]);                      // every object ends its line
            Assert.Equal(csv.Count, lines.Length - 1);
            var types = RowTypes[table].GetProperties().ToDictionary(p => CsvExport.SnakeCase(p.Name), p => p.PropertyType);
            for (int i = 0; i < csv.Count; i++)
            {
                using var json = JsonDocument.Parse(lines[i]);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
                Assert.Equal(header, json.RootElement.EnumerateObject().Select(p => p.Name));
                foreach (var p in json.RootElement.EnumerateObject())
                {
                    string cell = csv[i][p.Name];
                    var type = types[p.Name];
                    if (type == typeof(int)) Assert.Equal(int.Parse(cell, System.Globalization.CultureInfo.InvariantCulture), p.Value.GetInt32());
                    else if (type == typeof(double)) Assert.Equal(double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture), p.Value.GetDouble(), 9);
                    else if (type == typeof(bool)) Assert.Equal(bool.Parse(cell), p.Value.GetBoolean());
                    else Assert.Equal(cell, p.Value.GetString());  // text stays text: "5", "007" and "" as in the CSV
                    values++;
                }
            }
        }
        Assert.True(File.ReadAllLines(Path.Combine(Out, "medications.jsonl")).Length > 3, "the seed has medications");
        Assert.True(values > 500, $"only {values} values compared");
    }
}
