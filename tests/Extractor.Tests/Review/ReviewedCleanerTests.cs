using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Pipeline;
using Extractor.Review;

namespace Extractor.Tests.Review;

public class ReviewedCleanerTests
{
    // A stand-in cleanup in two passes (so the map is chained): pass 1 applies what it is given, pass 2 joins "-\n".
    private sealed class FakeCleaner(params (string Original, string Corrected, bool Applied)[] changes) : ICleaner
    {
        public CleanResult Clean(string text)
        {
            var corrections = new List<Correction>();
            foreach (var (o, c, a) in changes)
            {
                int s = text.IndexOf(o, StringComparison.Ordinal);
                if (s >= 0) corrections.Add(new Correction(s, s + o.Length, o, c, "lexicon", 0.8, a));
            }
            var (t1, m1) = EditMap.Apply(text, corrections.Where(c => c.Applied).Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
            int h = t1.IndexOf("-\n", StringComparison.Ordinal);
            if (h < 0) return new CleanResult(t1, m1, corrections);
            var (t2, m2) = EditMap.Apply(t1, [new TextEdit(h, h + 2, "")]);
            int src = m1.ToSourceStart(h);
            corrections.Add(new Correction(src, src + 2, "-\n", "", "dehyphenation", 0.9, true));
            return new CleanResult(t2, m1.Then(m2), corrections.OrderBy(c => c.Start).ToList());
        }
    }

    private const string Input = "The patiant had a bilateral adrenalectorny and colonic resec-\ntion in 1999.";

    private static readonly FakeCleaner Inner = new(("patiant", "patient", true), ("adrenalectorny", "adrenalectomy", true), ("colonic", "colic", false));

    private static int At(string what) => Input.IndexOf(what, StringComparison.Ordinal);

    private static CleanResult Reviewed(params ReviewDecision[] decisions)
    {
        var source = new SourceDocument { DocumentId = "d1", SourcePath = "d1.txt", Text = Input };
        var book = new ReviewBook(new() { ["d1"] = decisions.ToList() });
        return new ReviewedCleaner(Inner, book).Clean(source);
    }

    private static void AssertProvenance(CleanResult r)
    {
        foreach (var c in r.Corrections.Where(c => c.Applied))
        {
            Assert.Equal(c.Original, Input[c.Start..c.End]);
            var (s, e) = r.Map.ToEdited(c.Start, c.End);
            Assert.Equal(c.Corrected, r.Text[s..e]);
            if (e > s) Assert.Equal((c.Start, c.End), r.Map.ToSource(s, e)); // an empty span (a deletion) has no extent to map back
        }
    }

    [Fact]
    public void A_decision_follows_its_correction_when_the_input_moves_and_stays_put_when_it_did_not()
    {
        const string Moved = "Case 7.\n" + Input; // the input re-scanned with a first line: every offset moves by 8
        var source = new SourceDocument { DocumentId = "d1", SourcePath = "d1.txt", Text = Moved };
        var reject = new ReviewDecision(At("adrenalectorny"), At("adrenalectorny") + 14, "adrenalectorny", "adrenalectomy", false, "reject");
        var r = new ReviewedCleaner(Inner, new ReviewBook(new() { ["d1"] = [reject] })).Clean(source);
        Assert.Contains("adrenalectorny", r.Text);
        var c = Assert.Single(r.Corrections, c => c.Original == "adrenalectorny");
        Assert.Equal((At("adrenalectorny") + 8, false), (c.Start, c.Applied));
        Assert.Contains("patient", r.Text); // the others untouched

        // Where the input still reads the original at the decision's offsets, a correction elsewhere is not taken for it.
        const string Twice = "The patiant had a bilateral adrenalectorny. Another patiant.";
        int second = Twice.LastIndexOf("patiant", StringComparison.Ordinal);
        var onSecond = new ReviewDecision(second, second + 7, "patiant", "patient", false, "reject"); // the cleanup corrects only the first
        var once = new ReviewedCleaner(new FakeCleaner(("patiant", "patient", true)), new ReviewBook(new() { ["d1"] = [onSecond] }))
            .Clean(source with { Text = Twice });
        Assert.Equal("The patient had a bilateral adrenalectorny. Another patiant.", once.Text);
    }

    [Fact]
    public void A_rejected_correction_is_undone_and_logged_as_not_applied()
    {
        var r = Reviewed(new ReviewDecision(At("adrenalectorny"), At("adrenalectorny") + 14, "adrenalectorny", "adrenalectomy", false, "reject"));
        Assert.Equal("The patient had a bilateral adrenalectorny and colonic resection in 1999.", r.Text);
        var c = Assert.Single(r.Corrections, c => c.Original == "adrenalectorny");
        Assert.False(c.Applied);
        Assert.Contains("review: reject", c.Reason);
        var (s, e) = r.Map.ToSource(r.Text.IndexOf("resection", StringComparison.Ordinal), r.Text.IndexOf("resection", StringComparison.Ordinal) + 9);
        Assert.Equal("resec-\ntion", Input[s..e]);
        AssertProvenance(r);
    }

    [Fact]
    public void An_accepted_suggestion_and_a_reviewer_value_are_applied()
    {
        var r = Reviewed(
            new ReviewDecision(At("colonic"), At("colonic") + 7, "colonic", "colic", true, "accept"),
            new ReviewDecision(At("patiant"), At("patiant") + 7, "patiant", "Patient", true, ""));
        Assert.Equal("The Patient had a bilateral adrenalectomy and colic resection in 1999.", r.Text);
        Assert.True(r.Corrections.Single(c => c.Original == "colonic").Applied);
        Assert.Equal("Patient", r.Corrections.Single(c => c.Original == "patiant").Corrected);
        AssertProvenance(r);
    }

    [Fact]
    public void A_rejected_line_join_puts_the_hyphen_and_break_back()
    {
        int h = At("-\n");
        var r = Reviewed(new ReviewDecision(h, h + 2, "-\n", "", false, "reject"));
        Assert.Contains("resec-\ntion", r.Text);
        AssertProvenance(r);
    }

    [Fact]
    public void A_correction_the_reviewer_adds_is_applied_only_where_the_input_still_reads_so()
    {
        var r = Reviewed(
            new ReviewDecision(At("1999"), At("1999") + 4, "1999", "1998", true, "") { Added = true },
            new ReviewDecision(At("bilateral"), At("bilateral") + 9, "unilateral", "x", true, "") { Added = true });
        Assert.EndsWith("in 1998.", r.Text);
        Assert.Contains("bilateral", r.Text);
        var added = Assert.Single(r.Corrections, c => c.Kind == "review");
        Assert.Equal("1999", added.Original);
        AssertProvenance(r);
    }

    [Fact]
    public void Decisions_for_other_documents_or_stale_offsets_change_nothing()
    {
        var plain = Inner.Clean(Input);
        var r = Reviewed(new ReviewDecision(At("patiant") + 1, At("patiant") + 8, "atiant ", "x", false, "reject"));
        Assert.Equal(plain.Text, r.Text);
        var other = new ReviewedCleaner(Inner, new ReviewBook(new() { ["other"] = [new ReviewDecision(At("patiant"), At("patiant") + 7, "patiant", "patient", false, "reject")] }))
            .Clean(new SourceDocument { DocumentId = "d1", SourcePath = "d1.txt", Text = Input });
        Assert.Equal(plain.Text, other.Text);
    }

    [Fact]
    public void The_review_file_is_made_once_from_the_log_read_back_and_never_overwritten()
    {
        string dir = Directory.CreateTempSubdirectory("review").FullName;
        try
        {
            var pipeline = new DocumentPipeline(new ReviewedCleaner(Inner, ReviewBook.Load(dir)), []);
            var source = new SourceDocument { DocumentId = "d1", SourcePath = "d1.txt", Text = Input };
            WriteLog(dir, pipeline.Process(source));
            Assert.Equal(4, ReviewBook.Sync(dir));
            string path = Path.Combine(dir, ReviewBook.CorrectionsFile);
            var lines = File.ReadAllLines(path);
            Assert.Equal("document_id,start,end,original,corrected,kind,confidence,applied,decision,page,reason,machine_corrected,machine_applied", lines[0]);
            Assert.Empty(ReviewBook.Load(dir).For("d1")); // untouched rows are no decisions

            // The reviewer rejects the adrenalectomy fix (as a spreadsheet would save it) and types a value for "patiant".
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Contains(",adrenalectorny,")) lines[i] = lines[i].Replace(",true,,", ",TRUE,reject,");
                if (lines[i].Contains(",patiant,")) lines[i] = lines[i].Replace(",patiant,patient,", ",patiant,pt.,");
            }
            File.WriteAllText(path, string.Join("\r\n", lines)); // CRLF, no final line end
            string edited = File.ReadAllText(path);

            var book = ReviewBook.Load(dir);
            Assert.Equal(2, book.For("d1").Count);
            var rerun = new DocumentPipeline(new ReviewedCleaner(Inner, book), []).Process(source);
            Assert.Equal("The pt. had a bilateral adrenalectorny and colonic resection in 1999.", rerun.Cleanup.Text);
            WriteLog(dir, rerun);
            Assert.Equal(0, ReviewBook.Sync(dir));
            Assert.Equal(edited, File.ReadAllText(path));

            // A new document's rows are appended; the reviewer's lines stay byte for byte.
            var second = new SourceDocument { DocumentId = "d2", SourcePath = "d2.txt", Text = "a patiant" };
            WriteLog(dir, rerun, new DocumentPipeline(Inner, []).Process(second));
            Assert.Equal(1, ReviewBook.Sync(dir));
            string after = File.ReadAllText(path);
            Assert.StartsWith(edited + "\n", after);
            Assert.Equal(2, ReviewBook.Load(dir).For("d1").Count);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void WriteLog(string dir, params DocumentResult[] results)
    {
        using var w = new StreamWriter(Path.Combine(dir, "corrections.csv"));
        CsvExport.Write(w, results.SelectMany(r => r.Cleanup.Corrections.Select(c => new CorrectionRow
        {
            DocumentId = r.Source.DocumentId, Start = c.Start, End = c.End, Original = c.Original, Corrected = c.Corrected, Kind = c.Kind,
            Confidence = c.Confidence, Applied = c.Applied, Page = 1, Reason = c.Reason,
        })));
    }
}
