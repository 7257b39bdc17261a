using System.Globalization;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Extraction.Drugs;
using Extractor.Pipeline;

namespace Extractor.Tests.Medications;

/// <summary>
/// Golden tests: every corpus document with expected/medications.csv (hand-checked) runs through the default
/// pipeline; its rows must match on every column the file holds except drug_text (the cleaned spelling), and the
/// input text at source_start..source_end must name the same drug.
/// </summary>
public class MedicationCorpusTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Extractor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Extractor.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot(), "corpus")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "expected", "medications.csv")))
                data.Add(Path.GetFileName(dir));
        return data;
    }

    private static (SourceDocument Source, DocumentResult Result) Process(string name)
    {
        var path = Path.Combine(RepoRoot(), "corpus", name, "report.txt");
        var source = new SourceDocument { DocumentId = name, SourcePath = path, Text = File.ReadAllText(path).Replace("\r\n", "\n") };
        return (source, DocumentPipeline.CreateDefault().Process(source));
    }

    private static List<Dictionary<string, string>> Expected(string name)
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot(), "corpus", name, "expected", "medications.csv"));
        var header = SplitCsv(reader.ReadLine()!);
        var rows = new List<Dictionary<string, string>>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var cells = SplitCsv(line);
            rows.Add(header.Select((h, i) => (h, v: i < cells.Count ? cells[i] : "")).ToDictionary(x => x.h, x => x.v));
        }
        return rows;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }

    private static string Cell(Medication row, string column)
    {
        var prop = typeof(Medication).GetProperties().First(p => Export.CsvExport.SnakeCase(p.Name) == column);
        var v = prop.GetValue(row);
        return v switch { bool b => b ? "true" : "false", null => "", _ => Convert.ToString(v, CultureInfo.InvariantCulture)! };
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Medications_match_the_hand_checked_file(string name)
    {
        var expected = Expected(name);
        var (_, result) = Process(name);
        var columns = expected.Count > 0 ? expected[0].Keys.Where(k => k != "drug_text").ToArray() : [];
        string Show(IEnumerable<string> cells) => string.Join(',', cells);
        var want = expected.Select(e => Show(columns.Select(c => e[c]))).ToList();
        var got = result.Medications.Select(m => Show(columns.Select(c => Cell(m, c)))).ToList();
        Assert.Equal(string.Join('\n', want), string.Join('\n', got));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_row_points_at_the_drug_in_the_input(string name)
    {
        var (source, result) = Process(name);
        Assert.NotEmpty(result.Medications);
        foreach (var m in result.Medications)
        {
            var written = source.Text[m.SourceStart..m.SourceEnd];
            var entry = DrugLexicon.Default.Lookup(written);
            // Names found by stem or edit distance are not in the lexicon: the input must then hold the name itself.
            if (entry is null) Assert.Contains(m.Drug, written.ToLowerInvariant() + " " + m.Note);
            else Assert.Equal(m.Drug, entry.Name);
            Assert.False(string.IsNullOrWhiteSpace(m.Evidence));
            Assert.Equal(result.Medications.Count, result.Medications.Select(r => r.MentionId).Distinct().Count());
            if (m.DoseSourceStart >= 0) Assert.True(m.DoseSourceEnd > m.DoseSourceStart);
        }
    }
}
