using Extractor.Extraction.Tables;
using static Extractor.Tests.Tables.TableTestHelpers;

namespace Extractor.Tests.Tables;

/// <summary>Layouts beyond whitespace columns: bar-ruled rows, group headers, one cell per line, arms as columns.</summary>
public class TableLayoutTests
{
    [Theory]
    [InlineData("| Study | Year | ORR (%) |", true)]
    [InlineData("Study | Year | ORR (%)", true)]
    [InlineData("a stage|I tumour with | one bar", false)]
    [InlineData("the rate was | 12 %", false)]
    public void Bar_ruled_lines_are_recognised(string line, bool ruled) =>
        Assert.Equal(ruled, TextLayout.IsRuled(line));

    [Fact]
    public void Bar_ruled_cells_are_placed_by_their_ordinal_and_the_left_rule_is_no_cell()
    {
        var line = "| | | Placebo | 31 |";
        var l = TextLayout.Line(line, 0, line.Length);
        Assert.Equal(["Placebo", "31"], l.Cells.Select(c => c.TextOf(line)));
        Assert.Equal([20.0, 30.0], l.Cells.Select(c => c.Left));
    }

    [Fact]
    public void Bar_ruled_table_with_count_and_percent_cells_not_reached_and_dash_cells()
    {
        var text = "Table 3 Anticoagulation after valve surgery\n" +
                   "| Trial | Year | Arm | Events, n (%) | Median OS (months) |\n" +
                   "|:--|:--|:--|--:|--:|\n" +
                   "| Moreau PL | 2013b | Warfarin 5 mg daily | 12 (8.1)a | NR |\n" +
                   "| | | Dabigatran 150 mg bid | 9 (6.0) | 41.5* |\n" +
                   "| Quist B | 2019 | Placebo | — | 30.2 |\n" +
                   "a Adjudicated.\n";
        var sink = Run(text);
        Assert.Equal("3|1|Moreau PL|2013|warfarin|warfarin|5|mg|1/d\n3|2|Moreau PL|2013|dabigatran|dabigatran|150|mg|2/d\n3|3|Quist B|2019|placebo|placebo|||", Arms(sink));
        // "Events" names no measure of the contract; the survival column is read, "NR" and the dash give nothing.
        Assert.Equal("3|2|Moreau PL|2013|dabigatran|OS|41.5|months\n3|3|Quist B|2019|placebo|OS|30.2|months", Outcomes(sink));
    }

    [Theory]
    [InlineData("DCR, n (%)", "DCR")]
    [InlineData("Objective response, n (%)", "ORR")]
    [InlineData("CR No. (%)", "CR")]
    public void Count_and_percent_headers_read_as_percentages(string cell, string measure)
    {
        var m = HeaderVocabulary.Instance.Read(cell);
        Assert.Equal((ColumnRole.Measure, measure, "%"), (m!.Value.Role, m.Value.Measure, m.Value.Unit));
    }

    [Fact]
    public void Count_and_percent_cells_give_the_percentage()
    {
        var column = new TableColumn(ColumnRole.Measure, "ORR", "%", 0, 10, "ORR, n (%)");
        const string cell = "37 (52.1)c";
        var v = Assert.Single(TableCellReader.ColumnValues(cell, 0, cell.Length, column));
        Assert.Equal(("52.1", "%"), (v.Value, v.Unit));
        // Without "n (%)" in the header, a bracketed percentage sign still says which number is the rate.
        var plain = column with { HeaderText = "ORR" };
        const string cell2 = "37 (52.1%)";
        Assert.Equal("52.1", Assert.Single(TableCellReader.ColumnValues(cell2, 0, cell2.Length, plain)).Value);
    }

    [Theory]
    [InlineData("PFS", "Median (months)", "Median PFS (months)")]
    [InlineData("DCR", "Response (%)", "DCR (%)")]
    [InlineData("PR", "Response, n (%)", "PR, n (%)")]
    public void A_group_header_qualifies_the_columns_under_it(string child, string parent, string expected) =>
        Assert.Equal(expected, HeaderVocabulary.Instance.Qualify(child, parent));

    [Fact]
    public void A_group_header_with_counts_makes_the_columns_under_it_percentages()
    {
        var text = "Table 4. Trials\n" +
                   "                                    Response, n (%)\n" +
                   "Study           Arm                 CR          PR\n" +
                   "Osei KA 2012    Pembro 2 mg/kg q3w  4 (10.0)    9 (22.5)\n";
        Assert.Equal("4|1|Osei KA|2012|pembrolizumab|CR|10.0|%\n4|1|Osei KA|2012|pembrolizumab|PR|22.5|%", Outcomes(Run(text)));
    }

    [Fact]
    public void Group_header_cells_over_two_columns_do_not_merge_them()
    {
        var text = "Table 4. Trials\n" +
                   "                                       Median (months)\n" +
                   "Study           Arm                    OS        PFS\n" +
                   "Osei KA 2012    Pembro 2 mg/kg q3w     14.1      6.2\n";
        var sink = Run(text);
        Assert.Equal("4|1|Osei KA|2012|pembrolizumab|OS|14.1|months\n4|1|Osei KA|2012|pembrolizumab|PFS|6.2|months", Outcomes(sink));
    }

    [Fact]
    public void One_cell_per_line_is_rebuilt_into_rows_by_the_header_count()
    {
        var text = "Table 2. Digoxin trials\n\nAuthor\nYear\nTreatment\nDCR (%)\n" +
                   "Nowak JP\n2005\nDigoxin 0.25 mg daily\n41\n" +
                   "Nowak JP\n2005\nPlacebo\n29\n" +
                   "Sato Y et al.\n2008\nRamipril 5 mg daily\n55\n";
        var sink = Run(text);
        Assert.Equal("2|1|Nowak JP|2005|digoxin|DCR|41|%\n2|2|Nowak JP|2005|placebo|DCR|29|%\n2|3|Sato Y|2008|ramipril|DCR|55|%", Outcomes(sink));
    }

    [Fact]
    public void One_cell_per_line_realigns_at_the_next_study_when_a_cell_is_missing()
    {
        // The first row lost its year cell: the next author starts a new row instead of ending the one above.
        var text = "Table 2. Trials\nStudy\nYear\nRegimen\nORR (%)\n" +
                   "Nowak JP\nNivo 3 mg/kg q2w\n41\n" +
                   "Sato Y\n2008\nPembro 2 mg/kg q3w\n55\n";
        var reader = new TableReader(Fake);
        var table = reader.Parse(text, Assert.Single(reader.FindBlocks(text)));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("2|1|Sato Y|2008|pembrolizumab|ORR|55|%", Outcomes(Run(text)));
    }

    [Fact]
    public void Short_lines_without_a_run_of_header_labels_are_not_one_cell_per_line()
    {
        var text = "Table 1. Series\nStudy\nYear\nAbe T, Nivo 3 mg/kg q2w 2018 ORR: 30%\n";
        var reader = new TableReader(Fake);
        Assert.Null(CellPerLineLayout.Rebuild(text, Assert.Single(reader.FindBlocks(text)), reader));
    }

    [Fact]
    public void Arms_as_columns_become_one_row_each_with_the_study_from_a_labelled_row()
    {
        var text = "Table 5. Rate control\n" +
                   "Study                 Hale RT 2011         Hale RT 2011\n" +
                   "                      Digoxin 0.25 mg/d    Placebo\n" +
                   "ORR (%)               18                   <5\n" +
                   "Median TTP (months)   7.5                  NR\n";
        var sink = Run(text);
        Assert.Equal("5|1|Hale RT|2011|digoxin|digoxin|0.25|mg|1/d\n5|2|Hale RT|2011|placebo|placebo|||", Arms(sink));
        Assert.Equal("5|1|Hale RT|2011|digoxin|ORR|18|%\n5|1|Hale RT|2011|digoxin|TTP|7.5|months", Outcomes(sink));
        var o = sink.Outcomes[0];
        Assert.Equal("18", text[o.Start..o.End]);
        Assert.Equal("Study Hale RT 2011 | Digoxin 0.25 mg/d | ORR (%) 18 | Median TTP (months) 7.5", o.Evidence);
    }

    [Fact]
    public void Arms_as_columns_take_the_study_from_the_caption_citation()
    {
        var text = "Table 6. Warfarin versus dabigatran (Lindgren KE et al., 2010)\n" +
                   "                 Warfarin 5 mg daily    Dabigatran 150 mg bid\n" +
                   "DCR (%)          44                     51\n" +
                   "Median OS (mo)   20.1                   22.4\n";
        var sink = Run(text);
        Assert.Equal("6|1|Lindgren KE|2010|warfarin|DCR|44|%\n6|1|Lindgren KE|2010|warfarin|OS|20.1|months\n" +
                     "6|2|Lindgren KE|2010|dabigatran|DCR|51|%\n6|2|Lindgren KE|2010|dabigatran|OS|22.4|months", Outcomes(sink));
    }

    [Fact]
    public void Measure_rows_without_arms_above_them_are_not_a_transposed_table()
    {
        var text = "Table 7. Follow-up\n                 Baseline    Month 6\nORR (%)          —           40\nDCR (%)          —           70\n";
        var reader = new TableReader(Fake);
        var block = Assert.Single(reader.FindBlocks(text));
        Assert.Null(TransposedLayout.Rows(text, block, block.Lines.Select(l => reader.Classify(text, l)).ToArray(), reader));
        Assert.Empty(Run(text).TrialArms);
    }
}

public class TableScopeAndArmTests
{
    [Fact]
    public void Two_letter_measures_are_read_in_capitals_only()
    {
        Assert.Null(HeaderVocabulary.Instance.Read("Cr"));
        Assert.Equal("CR", HeaderVocabulary.Instance.Read("CR")!.Value.Measure);
        var text = "Table 1. Laboratory course\nDate        Hb     Cr     CRP\nDay 1       10.2   1.2    5.3\nDay 3       9.8    1.9    8.1\n";
        Assert.Empty(Run(text).Outcomes);
    }

    [Fact]
    public void Time_point_columns_are_not_arms()
    {
        var text = "Table 2. Course\n                    Before digoxin    After digoxin\nDCR (%)             20                40\nORR (%)             10                30\n";
        var sink = Run(text);
        Assert.Empty(sink.TrialArms);
        Assert.Empty(sink.Outcomes);
    }

    [Fact]
    public void Rows_with_laboratory_units_make_a_table_of_lab_values_not_a_transposed_trial()
    {
        var text = "Table 2. Levels\n                    Warfarin 5 mg daily    Placebo\nDigoxin (ng/mL)     1.1                    0.9\n" +
                   "DCR (%)             20                     40\nORR (%)             10                     30\n";
        var reader = new TableReader(Fake);
        var block = Assert.Single(reader.FindBlocks(text));
        Assert.Null(TransposedLayout.Rows(text, block, block.Lines.Select(l => reader.Classify(text, l)).ToArray(), reader));
    }

    [Fact]
    public void An_arm_cell_ending_in_plus_goes_on_in_the_next_line()
    {
        var text = "Table 3. Trials\n" +
                   "Study           Arm                          ORR (%)\n" +
                   "Okabe T 2009    Digoxin 0.25 mg daily +      40\n" +
                   "                ramipril 5 mg daily\n" +
                   "                Placebo                      22\n";
        Assert.Equal("3|1|Okabe T|2009|digoxin + ramipril|digoxin|0.25|mg|1/d\n3|1|Okabe T|2009|digoxin + ramipril|ramipril|5|mg|1/d\n" +
                     "3|2|Okabe T|2009|placebo|placebo|||", Arms(Run(text)));
    }

    [Fact]
    public void An_arm_named_by_a_drug_class_is_an_arm()
    {
        var text = "Table 4. Trials\n" +
                   "Study           Arm                     ORR (%)\n" +
                   "Rinaldi F 2012  Erlotinib 150 mg/d      58\n" +
                   "                Chemotherapy            15\n";
        var sink = Run(text, TableReaderOptions.Default);
        Assert.Equal("4|1|Rinaldi F|2012|erlotinib|erlotinib|150|mg|1/d\n4|2|Rinaldi F|2012|chemotherapy|chemotherapy|||", Arms(sink));
        Assert.Equal("4|1|Rinaldi F|2012|erlotinib|ORR|58|%\n4|2|Rinaldi F|2012|chemotherapy|ORR|15|%", Outcomes(sink));
    }
}

public class LabelledOutcomeScopeTests
{
    [Theory]
    [InlineData("Cr 1.9 (0.6-1.1)")]       // creatinine, not complete response
    [InlineData("CR 2.1 mg/dL")]           // a laboratory unit after the value
    [InlineData("PT 13.2 s, PD 4.5 U/L")]
    [InlineData("ORR <5%")]                // a bound is not a value
    public void Laboratory_values_and_bounds_are_not_outcomes(string cell) =>
        Assert.Empty(TableCellReader.LabelledOutcomes(cell, 0, cell.Length));

    [Theory]
    [InlineData("CR 21%", "CR", "21")]
    [InlineData("median OS 9.5 months", "OS", "9.5")]
    [InlineData("orr: 30%", "ORR", "30")]
    public void Outcome_labels_still_read(string cell, string measure, string value)
    {
        var o = Assert.Single(TableCellReader.LabelledOutcomes(cell, 0, cell.Length));
        Assert.Equal((measure, value), (o.Measure, o.Value));
    }

    [Fact]
    public void A_laboratory_list_under_a_caption_gives_no_rows()
    {
        var text = "Table 1. Laboratory data\nCr 1.9 mg/dL (0.6-1.1)\nPD 4.5 U/L\nDigoxin 1.4 ng/mL\n";
        var sink = Run(text);
        Assert.Empty(sink.TrialArms);
        Assert.Empty(sink.Outcomes);
    }
}
