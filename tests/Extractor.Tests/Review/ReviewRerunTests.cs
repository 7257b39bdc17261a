using System.Text;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Language;
using Extractor.Review;
using Extractor.Tests.Evaluation;
using Extractor.Tests.Support;

namespace Extractor.Tests.Review;

/// <summary>
/// Decisions that last, through the real `extractor run`: a reviewer edits the review files, runs again (and again,
/// with and without --resume, and after the input moved) and finds the decisions applied, every offset consistent
/// with the text, and the review files byte for byte as they left them.
/// </summary>
public sealed class ReviewRerunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("review-rerun").FullName;
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

    private void Run(string input, params string[] more)
    {
        var (exit, _, err) = CliRunner.Run(["run", input, "--out", Out, "--quiet", "--no-report", "--jobs", "1", .. more]);
        Assert.True(exit == 0, err);
    }

    private List<Dictionary<string, string>> Table(string name) => SimpleCsv.Parse(File.ReadAllText(Path.Combine(Out, name)));

    /// <summary>Edits the rows of a review file as a reviewer would (a CSV editor), keeping its header and order.</summary>
    internal static void Edit(string path, Func<Dictionary<string, string>, bool> which, Action<Dictionary<string, string>> change)
    {
        string text = File.ReadAllText(path);
        string[] header = text[..text.IndexOf('\n')].Split(',');
        var rows = SimpleCsv.Parse(text);
        int changed = 0;
        foreach (var row in rows.Where(which)) { change(row); changed++; }
        Assert.True(changed > 0, $"no row of {Path.GetFileName(path)} to edit");
        var sb = new StringBuilder(string.Join(',', header)).Append('\n');
        foreach (var row in rows)
            sb.Append(string.Join(',', header.Select(h => row[h] is var v && v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : row[h]))).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    private static int Int(Dictionary<string, string> row, string column) => int.Parse(row[column]);

    [Fact]
    public void A_rejected_correction_is_not_applied_on_rerun_and_every_offset_downstream_follows_while_a_fixed_value_stays()
    {
        var input = Input("case-r.txt",
            "Metastatic renal cell carci-\nnoma was found in 2004.\nHe received sunitinib 50 mg daily for 4 weeks.\nGrade 3 hypertension developed.\n");
        string inputText = File.ReadAllText(input);
        Run(input);
        var applied = Table("corrections.csv").First(c => c["applied"] == "true");
        int cs = Int(applied, "start"), ce = Int(applied, "end");
        int delta = (ce - cs) - applied["corrected"].Length; // the text grows by this once the correction is undone
        var meds = Table("medications.csv");
        var sunitinib = Assert.Single(meds, m => m["drug"] == "sunitinib");
        Assert.True(Int(sunitinib, "source_start") > ce, "the medication must come after the correction");

        // The reviewer rejects the correction and fixes the dose.
        string corrections = Path.Combine(Out, ReviewBook.CorrectionsFile), medications = Path.Combine(Out, "medications.review.csv");
        Edit(corrections, r => Int(r, "start") == cs && Int(r, "end") == ce, r => r["decision"] = "reject");
        Edit(medications, r => r["drug"] == "sunitinib", r => { r["dose_value"] = "37.5"; r["decision"] = "fix"; });
        Assert.Equal(inputText[Int(sunitinib, "source_start")..Int(sunitinib, "source_end")], Table("medications.review.csv").Single(r => r["drug"] == "sunitinib")["source_text"]);
        byte[] reviewedCorrections = File.ReadAllBytes(corrections), reviewedMedications = File.ReadAllBytes(medications);

        foreach (var resume in new[] { false, true, true })
        {
            Run(input, resume ? ["--resume"] : []);
            string clean = File.ReadAllText(Path.Combine(Out, "case-r.clean.txt"));
            Assert.Contains(applied["original"], clean);                       // the text is the input's again there
            var log = Assert.Single(Table("corrections.csv"), c => Int(c, "start") == cs && Int(c, "end") == ce);
            Assert.Equal("false", log["applied"]);
            Assert.Contains("review: reject", log["reason"]);
            var now = Assert.Single(Table("medications.csv"), m => m["drug"] == "sunitinib");
            Assert.Equal("37.5", now["dose_value"]);                            // the fixed value, though the text moved
            Assert.Equal(sunitinib["source_start"], now["source_start"]);       // input offsets do not move
            Assert.Equal(Int(sunitinib, "start") + delta, Int(now, "start"));   // cleaned offsets follow the text
            // Every fact row: its cleaned span maps back to its input span, and after the correction reads the same.
            foreach (var table in new[] { "medications.csv", "adverse_events.csv", "findings.csv", "outcomes.csv", "staging.csv" })
                foreach (var row in Table(table))
                {
                    int s = Int(row, "start"), e = Int(row, "end"), ss = Int(row, "source_start"), se = Int(row, "source_end");
                    Assert.InRange(e, s, clean.Length);
                    if (ss >= ce) Assert.Equal(inputText[ss..se], clean[s..e]);
                }
            Assert.Equal(reviewedCorrections, File.ReadAllBytes(corrections));   // never overwritten
            Assert.Equal(reviewedMedications, File.ReadAllBytes(medications));
        }
    }

    [Fact]
    public void Decisions_follow_their_text_when_the_input_changes_elsewhere()
    {
        var input = Input("case-m.txt", "He received cisplatin 20 mg daily.\nLater he received gemcitabine 1000 mg weekly.\n");
        Run(input);
        var meds = Table("medications.csv");
        Assert.Contains(meds, m => m["drug"] == "cisplatin");
        Assert.Contains(meds, m => m["drug"] == "gemcitabine");
        string review = Path.Combine(Out, "medications.review.csv");
        Edit(review, r => r["drug"] == "gemcitabine", r => r["decision"] = "reject");
        Edit(review, r => r["drug"] == "cisplatin", r => { r["dose_value"] = "25"; r["decision"] = "fix"; });
        byte[] reviewed = File.ReadAllBytes(review);
        int oldStart = Int(meds.Single(m => m["drug"] == "cisplatin"), "source_start");

        // The input is re-scanned with a new first line: every input offset moves.
        const string Preface = "Case report from the archive.\n";
        File.WriteAllText(input, Preface + File.ReadAllText(input));
        Run(input, "--resume");
        var now = Table("medications.csv");
        Assert.DoesNotContain(now, m => m["drug"] == "gemcitabine");
        var cis = Assert.Single(now, m => m["drug"] == "cisplatin");
        Assert.Equal("25", cis["dose_value"]);
        Assert.Equal(oldStart + Preface.Length, Int(cis, "source_start"));
        Assert.Equal(reviewed, File.ReadAllBytes(review));
    }

    private static AnalyzedDocument Document(string text) =>
        new(new SourceDocument { DocumentId = "d", SourcePath = "d.txt", Text = text }, new CleanResult(text, EditMap.Identity, []));

    [Fact]
    public void Rows_on_one_span_are_told_apart_by_their_values_not_their_order()
    {
        const string Text = "WBC 5400/uL and CRP 0.3 mg/dL.";
        var rows = new List<Finding>
        {
            new() { DocumentId = "d", Field = "lab", Name = "WBC", Value = "5400", SourceStart = 0, SourceEnd = 14, End = 14 },
            new() { DocumentId = "d", Field = "lab", Name = "leukocytes", Value = "5400", SourceStart = 0, SourceEnd = 14, End = 14 },
        };
        // The review file lists them the other way round (the extractors' order changed since): values decide.
        var reject = new FactDecision("findings", "reject", 0, 14, 0, new Dictionary<string, string> { ["field"] = "lab", ["name"] = "leukocytes", ["value"] = "5400" }) { SourceText = Text[..14] };
        var fix = new FactDecision("findings", "fix", 0, 14, 1, new Dictionary<string, string> { ["field"] = "lab", ["name"] = "WBC", ["value"] = "5.4", ["unit"] = "10^3/uL" }) { SourceText = Text[..14] };
        var notes = new List<string>();
        FactReviewer.Apply(rows, [reject, fix], "d", Document(Text), notes);
        var left = Assert.Single(rows);
        Assert.Equal(("WBC", "5.4", "10^3/uL", 0, 14), (left.Name, left.Value, left.Unit, left.SourceStart, left.SourceEnd));
        Assert.Empty(notes);
    }

    [Fact]
    public void A_decision_whose_text_is_gone_is_noted_and_an_added_row_gets_its_offsets_from_the_text()
    {
        const string Text = "Pain resolved after 3 days of rest.";
        var rows = new List<AdverseEvent> { new() { DocumentId = "d", Event = "pain", SourceStart = 0, SourceEnd = 4, End = 4 } };
        var gone = new FactDecision("adverse_events", "reject", 0, 6, 0, new Dictionary<string, string>()) { SourceText = "Nausea" };
        var add = new FactDecision("adverse_events", "add", 30, 34, 0, new Dictionary<string, string> { ["event"] = "rest", ["start"] = "999" }) { SourceText = "rest" };
        var notes = new List<string>();
        FactReviewer.Apply(rows, [gone, add], "d", Document("Now: " + Text), notes);
        Assert.Contains(rows, r => r.Event == "pain");                      // nothing forced onto another row
        Assert.Contains("no longer reads 'Nausea'", Assert.Single(notes));
        var added = Assert.Single(rows, r => r.Event == "rest");
        Assert.Equal((35, 39, 35, 39, 1), (added.Start, added.End, added.SourceStart, added.SourceEnd, added.Page)); // moved with its text
        Assert.Contains("rest", added.Evidence);
        Assert.Equal((4, 10), FactReviewer.Relocate(new FactDecision("x", "fix", 0, 6, 0, new Dictionary<string, string>()) { SourceText = "banana" }, "1234banana..banana"));
    }
}
