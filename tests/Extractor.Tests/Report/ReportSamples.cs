using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;

namespace Extractor.Tests.Report;

/// <summary>A small hand-made document (not the seed) with corrections, a suggestion, a deletion, overlapping entities, a table and hostile markup.</summary>
internal static class ReportSamples
{
    public const string Input =
        "Pt got IFN-a 5 MIU thrice weekly with <script>document.title='pwned'</script> care.\n" +
        "Grade 2 hypertensoin occured; carci-\nnoma pT2N0M0 <img src=x onerror=alert(1)>.\f" +
        "Table 2\nSmith J 2001 drugx 50 mg/d ORR 12%\n";

    public static DocumentResult Build(IReadOnlyList<OcrWord>? words = null, string sourcePath = "samples/hostile.txt")
    {
        var corrections = new List<Correction>
        {
            At("IFN-a", "IFN-α", "greek", 0.97, true),
            At("hypertensoin", "hypertension", "lexicon", 0.91, true),
            At("occured", "occurred", "lexicon", 0.55, false),
            new(Input.IndexOf("-\nnoma", StringComparison.Ordinal), Input.IndexOf("-\nnoma", StringComparison.Ordinal) + 2, "-\n", "", "dehyphenation", 0.9, true),
        };
        var (text, map) = EditMap.Apply(Input, corrections.Where(c => c.Applied).Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
        var source = new SourceDocument { DocumentId = "hostile", SourcePath = sourcePath, Text = Input, Words = words ?? [] };
        var cleanup = new CleanResult(text, map, corrections);
        (int S, int E, int SS, int SE) Span(string what, int from = 0)
        {
            int s = text.IndexOf(what, from, StringComparison.Ordinal);
            Assert.True(s >= 0, what);
            var (ss, se) = map.ToSource(s, s + what.Length);
            return (s, s + what.Length, ss, se);
        }
        var med = Span("IFN-α 5 MIU thrice weekly");
        var ae = Span("Grade 2 hypertension");
        var ae2 = Span("hypertension occured"); // overlaps the first adverse event partly: must still nest
        var tnm = Span("pT2N0M0");
        var arm = Span("drugx 50 mg/d");
        var orr = Span("ORR 12%");
        return new DocumentResult
        {
            Source = source,
            Cleanup = cleanup,
            Info = new DocumentInfo { DocumentId = "hostile", SourcePath = sourcePath, Pages = source.Pages, Title = "A <b>bold</b> title" },
            Medications = [new Medication { DocumentId = "hostile", MentionId = "M1", Drug = "interferon alfa", DrugText = "IFN-α", DoseValue = "5", DoseUnit = "MIU", Frequency = "3/wk", Start = med.S, End = med.E, SourceStart = med.SS, SourceEnd = med.SE, Evidence = "<script>x</script>" }],
            AdverseEvents =
            [
                new AdverseEvent { DocumentId = "hostile", Event = "hypertension", Grade = "2", Start = ae.S, End = ae.E, SourceStart = ae.SS, SourceEnd = ae.SE },
                new AdverseEvent { DocumentId = "hostile", Event = "hypertension", Grade = "", Start = ae2.S, End = ae2.E, SourceStart = ae2.SS, SourceEnd = ae2.SE },
            ],
            Staging = [new Staging { DocumentId = "hostile", Tnm = "pT2N0M0", T = "2", N = "0", M = "0", Start = tnm.S, End = tnm.E, SourceStart = tnm.SS, SourceEnd = tnm.SE }],
            TrialArms = [new TrialArm { DocumentId = "hostile", TableId = "2", Row = 1, Study = "Smith J", Year = "2001", Drug = "drugx", DoseValue = "50", DoseUnit = "mg", Frequency = "1/d", Start = arm.S, End = arm.E, SourceStart = arm.SS, SourceEnd = arm.SE }],
            Outcomes = [new Outcome { DocumentId = "hostile", Source = "table", TableId = "2", Row = "1", Study = "Smith J", Year = "2001", Measure = "ORR", Value = "12", Unit = "%", Start = orr.S, End = orr.E, SourceStart = orr.SS, SourceEnd = orr.SE }],
        };
    }

    private static Correction At(string original, string corrected, string kind, double confidence, bool applied)
    {
        int s = Input.IndexOf(original, StringComparison.Ordinal);
        return new Correction(s, s + original.Length, original, corrected, kind, confidence, applied);
    }

    /// <summary>The repository root (the folder holding Extractor.sln), found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Extractor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Extractor.sln not found above " + AppContext.BaseDirectory);
    }
}
