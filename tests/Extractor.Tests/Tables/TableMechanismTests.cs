using Extractor.Core;
using Extractor.Extraction.Tables;
using static Extractor.Tests.Tables.TableTestHelpers;

namespace Extractor.Tests.Tables;

public class OcrTolerantComparerTests
{
    [Theory]
    [InlineData("0RR", "orr")]
    [InlineData("TabIe", "table")]
    [InlineData("Tab1e", "table")]
    [InlineData("Regirnen", "regimen")]
    [InlineData("Auth0r", "author")]
    [InlineData("DCR", "dcr")]
    public void Reads_labels_through_ocr_confusions(string observed, string expected) =>
        Assert.True(OcrTolerantComparer.Instance.Matches(observed, expected));

    [Theory]
    [InlineData("ORR", "dcr")]
    [InlineData("Fig", "table")]
    [InlineData("OS", "pd")]
    [InlineData("Treaty", "year")]
    public void Keeps_different_labels_apart(string observed, string expected) =>
        Assert.False(OcrTolerantComparer.Instance.Matches(observed, expected));
}

public class HeaderVocabularyTests
{
    [Theory]
    [InlineData("ORR (%)", ColumnRole.Measure, "ORR", "%")]
    [InlineData("0RR (%)", ColumnRole.Measure, "ORR", "%")]
    [InlineData("Median OS (months)", ColumnRole.Measure, "OS", "months")]
    [InlineData("Median PFS, mo", ColumnRole.Measure, "PFS", "months")]
    [InlineData("mPFS (rnonths)", ColumnRole.Measure, "PFS", "months")]
    [InlineData("Disease control rate", ColumnRole.Measure, "DCR", "%")]
    [InlineData("CR+PR (%)", ColumnRole.Measure, "CR/PR", "%")]
    [InlineData("No. of patients", ColumnRole.Patients, "", "")]
    [InlineData("n", ColumnRole.Patients, "", "")]
    [InlineData("Regimen", ColumnRole.Arm, "", "")]
    [InlineData("Dose", ColumnRole.Dose, "", "")]
    [InlineData("Authors", ColumnRole.Study, "", "")]
    [InlineData("Year", ColumnRole.Year, "", "")]
    public void Reads_header_cells(string cell, ColumnRole role, string measure, string unit)
    {
        var m = HeaderVocabulary.Instance.Read(cell);
        Assert.NotNull(m);
        Assert.Equal((role, measure, unit), (m.Value.Role, m.Value.Measure, m.Value.Unit));
    }

    [Theory]
    [InlineData("Hypertension")]
    [InlineData("QWzx (K)")]
    [InlineData("12.5")]
    public void Rejects_non_header_cells(string cell) => Assert.Null(HeaderVocabulary.Instance.Read(cell));
}

public class TableLineTests
{
    private static LineKind Kind(string line)
    {
        var reader = new TableReader(Fake);
        return reader.Classify(line, TextLayout.Line(line, 0, line.Length));
    }

    [Theory]
    [InlineData("X = IT")]
    [InlineData("ORR (K) QWzx")]
    [InlineData("BLORTZ Q")]
    [InlineData("Wv .. Kq")]
    public void Ocr_garbage_is_not_header_or_data(string line) => Assert.Equal(LineKind.Garbage, Kind(line));

    [Theory]
    [InlineData("Study  Year  Regimen  n  ORR (%)  Median PFS (months)")]
    [InlineData("Author      Treatment        Response rate")]
    public void Header_lines_are_recognised(string line) => Assert.Equal(LineKind.Header, Kind(line));

    [Theory]
    [InlineData("Tanaka K, Nivo 3 mg/kg q2w, ORR: 40%")]
    [InlineData("Placebo    210    11.2")]
    [InlineData("et al. 2015 warfarin")]
    public void Data_lines_are_recognised(string line) => Assert.Equal(LineKind.Data, Kind(line));

    [Theory]
    [InlineData("a Independent review.")]
    [InlineData("* Estimated from the published curves")]
    [InlineData("Abbreviations: ORR, objective response rate")]
    public void Footnotes_are_recognised(string line) => Assert.Equal(LineKind.Footnote, Kind(line));

    [Fact]
    public void Text_cells_split_at_wide_gaps_and_keep_their_columns()
    {
        var line = "Smith AB 2015   Nivo 3 mg/kg    40.1";
        var l = TextLayout.Line(line, 0, line.Length);
        Assert.Equal(["Smith AB 2015", "Nivo 3 mg/kg", "40.1"], l.Cells.Select(c => c.TextOf(line)));
        Assert.Equal(16, l.Cells[1].Left);
        Assert.Equal(32, l.Cells[2].Left);
    }

    [Fact]
    public void Tab_separated_cells_are_placed_by_their_ordinal()
    {
        var line = "\t\tPlacebo 10 mg daily\t150\t31";
        var l = TextLayout.Line(line, 0, line.Length);
        Assert.Equal(["Placebo 10 mg daily", "150", "31"], l.Cells.Select(c => c.TextOf(line)));
        Assert.Equal([20.0, 30.0, 40.0], l.Cells.Select(c => c.Left));
    }
}

public class TableRowTests
{
    [Fact]
    public void Row_broken_across_lines_is_read_as_one_row()
    {
        var text = "Table 3. Checkpoint inhibitors in melanoma\n\n" +
                   "Tanaka K, Nivo 1 mg/kg + Ipi ORR: 51%,\n" +
                   "et al. 2019 3 mg/kg q3w DCR: 72%\n" +
                   "Moreau PL, Pembro 2 mg/kg q3w ORR: 33%,\n" +
                   "etal. 2018 DCR: 56%\n";
        var sink = Run(text);
        Assert.Equal(
            "3|1|Tanaka K|2019|nivolumab + ipilimumab|nivolumab|1|mg/kg|1/3wk\n" +
            "3|1|Tanaka K|2019|nivolumab + ipilimumab|ipilimumab|3|mg/kg|1/3wk\n" +
            "3|2|Moreau PL|2018|pembrolizumab|pembrolizumab|2|mg/kg|1/3wk", Arms(sink));
        Assert.Equal(
            "3|1|Tanaka K|2019|nivolumab + ipilimumab|ORR|51|%\n" +
            "3|1|Tanaka K|2019|nivolumab + ipilimumab|DCR|72|%\n" +
            "3|2|Moreau PL|2018|pembrolizumab|ORR|33|%\n" +
            "3|2|Moreau PL|2018|pembrolizumab|DCR|56|%", Outcomes(sink));
    }

    [Fact]
    public void Outcome_cells_in_a_later_paragraph_belong_to_the_row_above()
    {
        var text = "Table 2. Trials\n\nBauer M, Pembro 200 mg q3w\n2016\n\nORR: 24%,\nPFS: 4.1 months\n\n" +
                   "Okafor CN, Nivo 3 mg/kg q2w 2017\n\nORR: 31%\n";
        var sink = Run(text);
        Assert.Equal(
            "2|1|Bauer M|2016|pembrolizumab|ORR|24|%\n" +
            "2|1|Bauer M|2016|pembrolizumab|PFS|4.1|months\n" +
            "2|2|Okafor CN|2017|nivolumab|ORR|31|%", Outcomes(sink));
    }

    [Fact]
    public void Column_layout_reads_values_under_outcome_headers_and_carries_the_study_to_placebo_rows()
    {
        var text =
            "Table 1. Anticoagulation trials\n" +
            "Study              Year   Arm                  n      Median OS (months)   DCR (%)\n" +
            "Lindqvist E        2012   Dabigatran 150 mg    610    26.4a                48.2\n" +
            "                          Placebo              605    19.8                 31.0*\n" +
            "Haruna T et al.    2014   Warfarin 5 mg        220    22.0                 40\n";
        var sink = Run(text);
        Assert.Equal(
            "1|1|Lindqvist E|2012|dabigatran|dabigatran|150|mg|\n" +
            "1|2|Lindqvist E|2012|placebo|placebo|||\n" +
            "1|3|Haruna T|2014|warfarin|warfarin|5|mg|", Arms(sink));
        Assert.Equal(
            "1|1|Lindqvist E|2012|dabigatran|OS|26.4|months\n" +
            "1|1|Lindqvist E|2012|dabigatran|DCR|48.2|%\n" +
            "1|2|Lindqvist E|2012|placebo|OS|19.8|months\n" +
            "1|2|Lindqvist E|2012|placebo|DCR|31.0|%\n" +
            "1|3|Haruna T|2014|warfarin|OS|22.0|months\n" +
            "1|3|Haruna T|2014|warfarin|DCR|40|%", Outcomes(sink));
    }

    [Fact]
    public void Tab_separated_table_with_a_caption_without_a_full_stop()
    {
        var text = "Table 8 Anticoagulants\nStudy\tYear\tRegimen\tn\tDCR (%)\tOS (mo)\n" +
                   "Ferreira Lima J\t2011\tDabigatran 150 mg bid + warfarin 5 mg daily\t148\t54\t13.0\n" +
                   "\t\tPlacebo\t150\t31\t11.0\n";
        var sink = Run(text);
        Assert.Equal(
            "8|1|Ferreira Lima J|2011|dabigatran + warfarin|dabigatran|150|mg|2/d\n" +
            "8|1|Ferreira Lima J|2011|dabigatran + warfarin|warfarin|5|mg|1/d\n" +
            "8|2|Ferreira Lima J|2011|placebo|placebo|||", Arms(sink));
        Assert.Equal(
            "8|1|Ferreira Lima J|2011|dabigatran + warfarin|DCR|54|%\n8|1|Ferreira Lima J|2011|dabigatran + warfarin|OS|13.0|months\n" +
            "8|2|Ferreira Lima J|2011|placebo|DCR|31|%\n8|2|Ferreira Lima J|2011|placebo|OS|11.0|months", Outcomes(sink));
    }

    [Fact]
    public void A_line_repeating_a_measure_of_the_row_above_is_another_arm_even_with_an_unknown_regimen()
    {
        var text = "Table 10. Trials\n" +
                   "Study           Regimen                 ORR (%)\n" +
                   "Adeyemi OO 2016 Nivo 3 mg/kg q2w        28\n" +
                   "                Investigator's choice   10\n";
        var sink = Run(text);
        Assert.Equal("10|1|Adeyemi OO|2016|nivolumab|ORR|28|%\n10|2|Adeyemi OO|2016||ORR|10|%", Outcomes(sink));
    }

    [Fact]
    public void Bare_values_take_the_measure_a_single_line_header_names()
    {
        var text = "Table 9. Trials\n\nStudy Year Arm ORR\nOsei KA 2012 Pembro 2 mg/kg q3w 41% vs Ipi 3 mg/kg q3w 12%\n";
        var sink = Run(text);
        Assert.Equal("9|1|Osei KA|2012|pembrolizumab|ORR|41|%\n9|1|Osei KA|2012|ipilimumab|ORR|12|%", Outcomes(sink));
    }

    [Fact]
    public void Two_arms_in_one_row_split_at_versus()
    {
        var text = "Table 4. Head to head\n\nIvanova S, Axitinib 5 mg bid vs Sunitinib 50 mg daily, 2013\n";
        var sink = Run(text);
        Assert.Equal(
            "4|1|Ivanova S|2013|axitinib|axitinib|5|mg|2/d\n" +
            "4|1|Ivanova S|2013|sunitinib|sunitinib|50|mg|1/d", Arms(sink));
    }

    [Fact]
    public void Garbled_header_lines_are_skipped_and_rows_still_read()
    {
        var text = "Table 5. Results\n\nX = IT\n\nORR (K) QWzx\n\nPetrov AV, Nivo 3 mg/kg q2w, 2020 ORR: 20%\n";
        var reader = new TableReader(Fake);
        var block = Assert.Single(reader.FindBlocks(text));
        var table = reader.Parse(text, block);
        Assert.Equal(2, table.Kinds.Count(k => k == LineKind.Garbage));
        Assert.Single(table.Rows);
        Assert.Equal("5|1|Petrov AV|2020|nivolumab|ORR|20|%", Outcomes(Run(text)));
    }

    [Fact]
    public void Table_ends_at_prose_and_footnotes_are_not_rows()
    {
        var text = "Table 1. Series\n\nAbe T, Nivo 3 mg/kg q2w 2018 ORR: 30%\n* Investigator assessed response in all patients\n" +
                   "The patient in our report received nivolumab for a longer time than the patients in these series did.\n" +
                   "Kato R, Nivo 3 mg/kg q2w 2019 ORR: 10%\n";
        var sink = Run(text, Fake with { FindUncaptioned = false });
        Assert.Equal("1|1|Abe T|2018|nivolumab|ORR|30|%", Outcomes(sink));
    }

    [Fact]
    public void Uncaptioned_block_of_study_rows_is_found()
    {
        var text = "Previous reports are listed below.\n\nAbe T, Nivo 3 mg/kg q2w, 2018, ORR: 30%\nKato R, Pembro 2 mg/kg q3w, 2019, ORR: 10%\n\n" +
                   "In our case the response lasted longer than in any of these reports, which we discuss here in detail.\n";
        var sink = Run(text);
        Assert.Equal("u1|1|Abe T|2018|nivolumab|ORR|30|%\nu1|2|Kato R|2019|pembrolizumab|ORR|10|%", Outcomes(sink));
    }

    [Fact]
    public void Rows_keep_provenance_and_evidence()
    {
        var text = "Table 2. Trials\n\nBauer M, Pembro 200 mg q3w\n2016 ORR: 24%\n";
        var sink = Run(text);
        var o = Assert.Single(sink.Outcomes);
        Assert.Equal("ORR: 24%", text[o.Start..o.End]);
        Assert.Equal((o.Start, o.End), (o.SourceStart, o.SourceEnd));
        Assert.Equal("Bauer M, Pembro 200 mg q3w | 2016 ORR: 24%", o.Evidence);
        var a = Assert.Single(sink.TrialArms);
        Assert.Equal("Pembro 200 mg q3w", text[a.Start..a.End]);
        Assert.Equal(1, a.Page);
    }
}

public class WordGeometryTests
{
    // Words of a small table laid out on a page: each word has a box and its span in the text.
    private static (string Text, List<OcrWord> Words) Page(params (string Word, int X, int Y)[] placed)
    {
        var sb = new System.Text.StringBuilder("Table 6. Geometry\n");
        var words = new List<OcrWord>();
        int lastY = -1;
        foreach (var (w, x, y) in placed)
        {
            if (lastY >= 0) sb.Append(y != lastY ? '\n' : ' ');
            int s = sb.Length;
            sb.Append(w);
            words.Add(new OcrWord(w, 1, new BoundingBox(x, y, x + w.Length * 10, y + 20), 90, s, sb.Length));
            lastY = y;
        }
        sb.Append('\n');
        return (sb.ToString(), words);
    }

    [Fact]
    public void Rows_and_columns_come_from_word_boxes()
    {
        // The text has single spaces only: the columns exist only in the geometry.
        var (text, words) = Page(
            ("Study", 10, 100), ("Arm", 300, 100), ("ORR", 600, 100), ("(%)", 640, 100), ("DCR", 800, 100), ("(%)", 840, 100),
            ("Lund", 10, 140), ("AB", 60, 142), ("2011", 100, 140), ("Nivo", 300, 141), ("3", 350, 141), ("mg/kg", 365, 141), ("44", 600, 140), ("61", 800, 139),
            ("Placebo", 300, 180), ("12", 600, 180), ("30", 800, 181));
        var sink = Run(text, words: words);
        Assert.Equal("6|1|Lund AB|2011|nivolumab|nivolumab|3|mg/kg|\n6|2|Lund AB|2011|placebo|placebo|||", Arms(sink));
        Assert.Equal(
            "6|1|Lund AB|2011|nivolumab|ORR|44|%\n6|1|Lund AB|2011|nivolumab|DCR|61|%\n" +
            "6|2|Lund AB|2011|placebo|ORR|12|%\n6|2|Lund AB|2011|placebo|DCR|30|%", Outcomes(sink));
    }

    [Fact]
    public void Words_in_one_y_band_form_one_line_with_cells_split_at_wide_gaps()
    {
        var (text, words) = Page(("a", 10, 100), ("b", 30, 103), ("c", 400, 98), ("d", 10, 150));
        var lines = WordGeometryLayout.Lines(words, w => (w.Start, w.End));
        Assert.Equal(2, lines.Count);
        Assert.Equal(["a\nb", "c"], lines[0].Cells.Select(c => c.TextOf(text))); // the text had a break between a and b
    }
}

public class TableScopeTests
{
    [Fact]
    public void A_treatment_schedule_table_without_studies_or_outcomes_gives_no_trial_arms()
    {
        var text = "Table 2. Treatment course\n\nDay 1      Nivo 3 mg/kg\nDay 15     Nivo 3 mg/kg\n";
        var sink = Run(text);
        Assert.Empty(sink.TrialArms);
        Assert.Empty(sink.Outcomes);
    }

    [Fact]
    public void A_laboratory_table_gives_nothing()
    {
        var text = "Table 1. Laboratory data on admission\n\nHemoglobin    9.8 g/dL    12.0-16.0\nCRP           5.2 mg/dL   <0.3\nSD of values  1.2\n";
        var sink = Run(text);
        Assert.Empty(sink.TrialArms);
        Assert.Empty(sink.Outcomes);
    }
}

public class ArmComparisonCellTests
{
    [Fact]
    public void A_cell_with_one_value_per_arm_names_each_arm()
    {
        var text = "Table 7. Head to head\n" +
                   "Study            Regimen                                 ORR (%)\n" +
                   "Quist B 2014     Pembro 200 mg q3w vs Ipi 3 mg/kg q3w    36 vs 13\n";
        var sink = Run(text);
        Assert.Equal("7|1|Quist B|2014|pembrolizumab|ORR|36|%\n7|1|Quist B|2014|ipilimumab|ORR|13|%", Outcomes(sink));
    }
}
