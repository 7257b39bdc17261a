using Extractor.Core;
using Extractor.Pipeline;

namespace Extractor.Tests.Tables;

/// <summary>
/// Golden tests: every corpus document with expected/trial_arms.csv and expected/outcomes_table.csv is run through
/// the default pipeline and its table rows compared on the columns those files hold (hand-checked values).
/// </summary>
public class TableCorpusTests
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Extractor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Extractor.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot(), "corpus")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "expected", "trial_arms.csv")) && File.Exists(Path.Combine(dir, "expected", "outcomes_table.csv")))
                data.Add(Path.GetFileName(dir));
        return data;
    }

    // Each document is processed once per pipeline for all the tests over it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Extraction.DocumentResult> Results = new();

    private static Extraction.DocumentResult Process(string name, bool raw = false) => Results.GetOrAdd((name, raw), key =>
    {
        var path = Path.Combine(RepoRoot(), "corpus", key.Item1, "report.txt");
        var source = new SourceDocument { DocumentId = key.Item1, SourcePath = path, Text = File.ReadAllText(path).Replace("\r\n", "\n") };
        var pipeline = key.Item2
            ? new DocumentPipeline(Extractor.Cleanup.IdentityCleaner.Instance, PipelineDefaults.CreateExtractors())
            : DocumentPipeline.CreateDefault();
        return pipeline.Process(source);
    });

    private static (string[] Header, List<string> Rows) Expected(string name, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "corpus", name, "expected", file)).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(','), lines.Skip(1).ToList());
    }

    private static string Project<T>(T row, string[] columns)
    {
        var props = typeof(T).GetProperties().ToDictionary(p => Export.CsvExport.SnakeCase(p.Name));
        return string.Join(',', columns.Select(c => Convert.ToString(props[c].GetValue(row), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Trial_arms_match_the_hand_checked_file(string name)
    {
        var (header, expected) = Expected(name, "trial_arms.csv");
        var result = Process(name);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', result.TrialArms.Select(a => Project(a, header))));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Table_outcomes_match_the_hand_checked_file(string name)
    {
        var (header, expected) = Expected(name, "outcomes_table.csv");
        var result = Process(name);
        var table = result.Outcomes.Where(o => o.Source == "table");
        Assert.Equal(string.Join('\n', expected), string.Join('\n', table.Select(o => Project(o, header))));
    }

    /// <summary>The table rows do not depend on the cleanup: the raw OCR forms (abbreviations with a Latin "a" for
    /// alpha, "X" for the multiplication sign, "etal.") read the same.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void Table_rows_are_the_same_without_cleanup(string name)
    {
        var (armHeader, arms) = Expected(name, "trial_arms.csv");
        var (outHeader, outs) = Expected(name, "outcomes_table.csv");
        var result = Process(name, raw: true);
        Assert.Equal(string.Join('\n', arms), string.Join('\n', result.TrialArms.Select(a => Project(a, armHeader))));
        Assert.Equal(string.Join('\n', outs), string.Join('\n', result.Outcomes.Where(o => o.Source == "table").Select(o => Project(o, outHeader))));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_table_row_leads_back_to_the_input(string name)
    {
        var result = Process(name);
        var spans = result.TrialArms.Select(a => (a.Start, a.End, a.SourceStart, a.SourceEnd, a.Evidence))
            .Concat(result.Outcomes.Where(o => o.Source == "table").Select(o => (o.Start, o.End, o.SourceStart, o.SourceEnd, o.Evidence)));
        foreach (var (s, e, ss, se, evidence) in spans)
        {
            Assert.Equal((ss, se), result.Cleanup.Map.ToSource(s, e));
            Assert.True(se > ss && se <= result.Source.Text.Length);
            // The cleaned cell is part of the row the evidence quotes.
            var cell = string.Join(' ', result.Cleanup.Text[s..e].Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(cell.Split(' ')[0], evidence);
        }
    }
}
