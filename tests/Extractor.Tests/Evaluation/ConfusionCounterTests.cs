using Extractor.Training;

namespace Extractor.Tests.Evaluation;

public class ConfusionCounterTests
{
    [Fact]
    public void Counts_multi_character_substitutions_and_neighboured_deletions()
    {
        var counter = new ConfusionCounter();
        counter.Add("the rnodel was c1ear and wil\fwork", "the model was clear and will work");
        counter.Add("a rnodest fo r gain", "a modest for gain");
        var result = counter.Result(minCount: 1);
        Assert.Contains(new ConfusionCount("rn", "m", 2), result);
        Assert.Contains(new ConfusionCount("1", "l", 1), result);
        Assert.Contains(new ConfusionCount("l", "ll", 1), result);
        // The split word is a spacing error, not a character confusion.
        Assert.DoesNotContain(result, c => c.Observed.Contains(' ') || c.Intended.Contains(' '));
        // Correct readings: "l" is read right in "model" and in the first l of "will" ("clear" has it misread as 1).
        var reads = counter.CorrectReadings(result);
        Assert.Contains(new ConfusionCount("l", "l", 2), reads);
        Assert.DoesNotContain(reads, c => c.Intended == "m");
        Assert.DoesNotContain(result, c => c.Observed == c.Intended);
    }

    [Fact]
    public void Knows_which_observed_strings_the_ocr_text_contains()
    {
        var counter = new ConfusionCounter();
        counter.Add("a c1ear case", "a clear case");
        Assert.Equal(1, counter.Occurrences("c1"));
        Assert.Equal(3, counter.Occurrences("a"));
        Assert.Equal(0, counter.Occurrences("a c"));
        Assert.Equal(0, counter.Occurrences("vv"));
    }

    [Fact]
    public void Min_count_drops_rare_edits()
    {
        var counter = new ConfusionCounter();
        counter.Add("the rnodel was c1ear", "the model was clear");
        counter.Add("a rnodest gain", "a modest gain");
        var result = counter.Result(minCount: 2);
        Assert.Contains(new ConfusionCount("rn", "m", 2), result);
        Assert.DoesNotContain(result, c => c.Observed == "1");
    }

    [Fact]
    public void Table_round_trips_and_the_embedded_table_is_present()
    {
        var w = new StringWriter();
        ConfusionTable.Write(w, ["made by a test"], [new ConfusionCount("rn", "m", 4), new ConfusionCount("", "l", 3), new ConfusionCount("l", " ", 1)]);
        Assert.StartsWith("# made by a test\n", w.ToString());
        Assert.Contains("\n\"\"\tl\t3\nl\t\\s\t1\n", w.ToString());
        Assert.Equal([new ConfusionCount("rn", "m", 4), new ConfusionCount("", "l", 3), new ConfusionCount("l", " ", 1)], ConfusionTable.Read(new StringReader(w.ToString())));
        var embedded = ConfusionTable.LoadEmbedded();
        Assert.Contains(embedded, c => c.Observed != c.Intended && c.Count >= 2);
    }
}
