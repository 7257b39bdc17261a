using Extractor.Core;
using Extractor.Evaluation;
using Extractor.Extraction;

namespace Extractor.Tests.Evaluation;

public class EntityEvaluatorTests
{
    // Invented report; offsets counted by hand (and checked against the text below).
    private const string Gold = "A 54-year-old woman took warfarin 5 mg daily. No rash was seen. Hb 9.2 g/dL, Hb low.";
    private const string Ann =
        "T1\tAge 2 13\t54-year-old\n" +
        "T2\tSex 14 19\twoman\n" +
        "T3\tMedication 25 33\twarfarin\n" +
        "T4\tDosage 34 38\t5 mg\n" +
        "T5\tFrequency 39 44\tdaily\n" +
        "T6\tSign_symptom 49 53\trash\n" +
        "E1\tSign_symptom:T6 \n" +
        "A1\tPOLARITY E1 NEG\n" +
        "T7\tLab_value 67 75\t9.2 g/dL\n" +
        "T8\tLab_value 80 83;83 83\tlow\n" +
        "R1\tMODIFY Arg1:T7 Arg2:T6\t\n" +
        "#1\tAnnotatorNotes T1\tnote\n";

    [Fact]
    public void Offsets_of_the_invented_annotation_match_its_text()
    {
        foreach (var e in Brat.Parse(Ann, Gold))
            Assert.Equal(e.Text, string.Join(" ", e.Fragments.Where(f => f.Length > 0).Select(f => f.Of(Gold))));
    }

    [Fact]
    public void Brat_parser_reads_spans_fragments_and_negated_events()
    {
        var entities = Brat.Parse(Ann, Gold);
        Assert.Equal(8, entities.Count);
        Assert.Equal(new Span(25, 33), entities[2].Fragments.Single());
        Assert.Equal("Medication", entities[2].Type);
        Assert.True(entities.Single(e => e.Id == "T6").Negated);
        Assert.Equal(1, entities.Count(e => e.Negated));
        Assert.Equal(2, entities.Single(e => e.Id == "T8").Fragments.Count);
    }

    [Fact]
    public void Brat_parser_takes_discontinuous_spans_and_binary_negation()
    {
        var entities = Brat.Parse("T1\tDosage 10 14;20 25\tlow dose\nA1\tNegation T1\n");
        Assert.Equal([new Span(10, 14), new Span(20, 25)], entities[0].Fragments);
        Assert.True(entities[0].Negated);
        Assert.True(entities[0].Overlaps(new Span(22, 23)));
        Assert.False(entities[0].Overlaps(new Span(14, 20)));
    }

    [Fact]
    public void Brat_offsets_count_code_points()
    {
        const string text = "𝛼 then warfarin"; // one astral character: 2 UTF-16 units, 1 code point
        var e = Brat.Parse("T1\tMedication 7 15\twarfarin\n", text).Single();
        Assert.Equal("warfarin", e.Fragments[0].Of(text));
    }

    [Fact]
    public void Scores_by_overlap_per_type()
    {
        var gold = EntityEvaluator.GoldMentions(Brat.Parse(Ann, Gold));
        // Lab_value "low" has no digit, so it is not scored; the negated rash is a Negated mention.
        Assert.Single(gold, g => g.Type == "Lab_value");
        Assert.Single(gold, g => g.Type == EntityEvaluator.Negation);
        var predicted = new List<PredictedMention>
        {
            new("Medication", new Span(25, 33), "warfarin"),
            new("Medication", new Span(0, 1), "A"),            // wrong
            new("Dosage", new Span(34, 44), "5 mg daily"),      // right: overlaps the Dosage
            new("Frequency", new Span(34, 44), "daily"),        // right: overlaps the Frequency
            new("Lab_value", new Span(80, 83), "low"),          // wrong: that gold value has no digit
        };
        var errors = new List<EntityError>();
        var s = EntityEvaluator.Score("d", Gold, gold, predicted, errors);
        Assert.Equal(new TypeScore("Medication", 1, 1, 2, 1), s["Medication"]);
        Assert.Equal(0.5, s["Medication"].Precision);
        Assert.Equal(1.0, s["Medication"].Recall);
        Assert.Equal(2.0 / 3, s["Medication"].F1, 9);
        Assert.Equal(new TypeScore("Dosage", 1, 1, 1, 1), s["Dosage"]);
        Assert.Equal(new TypeScore("Frequency", 1, 1, 1, 1), s["Frequency"]);
        Assert.Equal(new TypeScore("Age", 1, 0, 0, 0), s["Age"]);
        Assert.Equal(new TypeScore("Lab_value", 1, 0, 1, 0), s["Lab_value"]);
        Assert.Equal(0.0, s["Age"].F1);
        Assert.Contains(errors, e => e.Type == "Age" && e.Missed && e.Text == "54-year-old");
        Assert.Contains(errors, e => e.Type == "Medication" && !e.Missed && e.Text == "A");
    }

    [Fact]
    public void Predictions_come_from_medication_and_finding_rows()
    {
        var result = new DocumentResult
        {
            Source = new SourceDocument { DocumentId = "d", SourcePath = "d", Text = Gold },
            Cleanup = new Extractor.Cleanup.CleanResult(Gold, EditMap.Identity, []),
            Info = new DocumentInfo(),
            Medications = [new Medication { DrugText = "warfarin", SourceStart = 25, SourceEnd = 33, DoseValue = "5", DoseUnit = "mg", Frequency = "daily", DoseSourceStart = 34, DoseSourceEnd = 44 },
                           new Medication { DrugText = "heparin", SourceStart = 50, SourceEnd = 57 }],
            Findings = [new Finding { Field = "age", Value = "54", SourceStart = 2, SourceEnd = 13 },
                        new Finding { Field = "symptom", Name = "rash", Negated = true, SourceStart = 49, SourceEnd = 53 }],
        };
        var p = EntityEvaluator.Predictions(result);
        Assert.Equal(2, p.Count(x => x.Type == "Medication"));
        Assert.Equal(new Span(34, 44), p.Single(x => x.Type == "Dosage").Span);
        Assert.Single(p, x => x.Type == "Frequency");
        Assert.Single(p, x => x.Type == "Age");
        Assert.Single(p, x => x.Type == EntityEvaluator.Negation);
    }

    [Fact]
    public void Event_frequencies_from_findings_are_frequency_predictions()
    {
        // Invented: a follow-up interval (a findings row) is annotated; the drug's schedule sits in a gold Dosage.
        const string text = "Digoxin 0.125 mg daily. She was followed up every 3 months.";
        const string ann = "T1\tDosage 8 22\t0.125 mg daily\nT2\tFrequency 44 58\tevery 3 months\n";
        var result = new DocumentResult
        {
            Source = new SourceDocument { DocumentId = "d", SourcePath = "d", Text = text },
            Cleanup = new Extractor.Cleanup.CleanResult(text, EditMap.Identity, []),
            Info = new DocumentInfo(),
            Medications = [new Medication { DrugText = "Digoxin", SourceStart = 0, SourceEnd = 7, DoseValue = "0.125", Frequency = "1/d", DoseSourceStart = 8, DoseSourceEnd = 22, FrequencySourceStart = 17, FrequencySourceEnd = 22 }],
            Findings = [new Finding { Field = "frequency", Name = "followed up", Value = "1/3 months", SourceStart = 44, SourceEnd = 58 }],
        };
        var p = EntityEvaluator.Predictions(result);
        Assert.Equal(new Span(44, 58), p.Single(x => x.Type == "Frequency" && x.Text == "1/3 months").Span);
        var s = EntityEvaluator.Score("d", text, EntityEvaluator.GoldMentions(Brat.Parse(ann, text)), p);
        Assert.Equal(new TypeScore("Frequency", 1, 1, 1, 1, 1), s["Frequency"]);
    }

    [Fact]
    public void Frequency_is_scored_on_its_own_span_and_not_against_a_gold_dosage_that_holds_it()
    {
        // Invented: the first schedule is annotated as Frequency, the second sits inside a Dosage span only.
        const string text = "Digoxin 0.125 mg daily. Furosemide 40 mg twice daily. Heparin weekly.";
        const string ann = "T1\tDosage 8 16\t0.125 mg\nT2\tFrequency 17 22\tdaily\nT3\tDosage 35 52\t40 mg twice daily\n";
        var result = new DocumentResult
        {
            Source = new SourceDocument { DocumentId = "d", SourcePath = "d", Text = text },
            Cleanup = new Extractor.Cleanup.CleanResult(text, EditMap.Identity, []),
            Info = new DocumentInfo(),
            Medications = [
                new Medication { DrugText = "Digoxin", SourceStart = 0, SourceEnd = 7, DoseValue = "0.125", Frequency = "1/d", DoseSourceStart = 8, DoseSourceEnd = 22, FrequencySourceStart = 17, FrequencySourceEnd = 22 },
                new Medication { DrugText = "Furosemide", SourceStart = 24, SourceEnd = 34, DoseValue = "40", Frequency = "2/d", DoseSourceStart = 35, DoseSourceEnd = 52, FrequencySourceStart = 41, FrequencySourceEnd = 52 },
                new Medication { DrugText = "Heparin", SourceStart = 54, SourceEnd = 61, Frequency = "1/wk", DoseSourceStart = 62, DoseSourceEnd = 68, FrequencySourceStart = 62, FrequencySourceEnd = 68 }],
        };
        var p = EntityEvaluator.Predictions(result);
        Assert.Equal(new Span(17, 22), p.First(x => x.Type == "Frequency").Span);
        Assert.Equal(3, p.Count(x => x.Type == "Dosage")); // a schedule alone is Heparin's dose expression
        var s = EntityEvaluator.Score("d", text, EntityEvaluator.GoldMentions(Brat.Parse(ann, text)), p);
        // Digoxin's "daily" is right; Furosemide's lies in a gold Dosage: not scored; Heparin's is wrong.
        Assert.Equal(new TypeScore("Frequency", 1, 1, 2, 1, 1), s["Frequency"]);
        Assert.Equal(0.5, s["Frequency"].Precision);
        Assert.Equal(1.0 / 3, s["Frequency"].Strict.Precision, 9);
        Assert.Equal(new TypeScore("Dosage", 2, 2, 3, 2), s["Dosage"]);
    }

    [Fact]
    public void Ocr_spans_map_to_gold_offsets_through_the_alignment()
    {
        const string ocr = "A 54-year-old wornan took\nwarfarin 5 rng\fdaily.";
        const string gold = "A 54-year-old woman took warfarin 5 mg daily.";
        var map = new OcrGoldMap(ocr, gold);
        Span Find(string t, string s) { int i = t.IndexOf(s); return new Span(i, i + s.Length); }
        Assert.Equal(Find(gold, "warfarin"), map.Map(Find(ocr, "warfarin")));
        Assert.Equal(Find(gold, "woman"), map.Map(Find(ocr, "wornan")));
        Assert.Equal(Find(gold, "5 mg daily"), map.Map(Find(ocr, "5 rng\fdaily")));
        Assert.Equal(Find(gold, "mg"), map.Map(Find(ocr, "rng")));
    }

    [Fact]
    public void Eval_entities_command_scores_a_fixture_set()
    {
        var output = CliRunner.Run("eval", "entities", CleanupEvaluatorTests.FixtureDir("entities-set"));
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("gold text: 1 documents", output.Stdout);
        Assert.Contains("OCR text (offsets mapped to gold): 1 documents", output.Stdout);
        Assert.Contains("macro F1 over the six types", output.Stdout);
    }
}
