using System.Reflection;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Pipeline;
using FsCheck.Xunit;

namespace Extractor.Tests.Properties;

/// <summary>
/// Properties of the default pipeline (whatever cleaner and extractors PipelineDefaults registers) over generated
/// text: cleanup is idempotent, every correction and every row points at what it read, nothing throws.
/// </summary>
public class PipelineProperties
{
    private static readonly Lazy<ICleaner> Cleaner = new(PipelineDefaults.CreateCleaner);
    private static readonly Lazy<DocumentPipeline> Pipeline = new(DocumentPipeline.CreateDefault);

    private static SourceDocument Source(string text) => new() { DocumentId = "prop", SourcePath = "prop.txt", Text = text };

    // The cleaner runs its passes to a fixed point ("1902-\ncarcinorna" once gave "1902-carcinorna", and only a second
    // cleaning "1902-carcinoma"). PropertyCheckTests runs the same property on an editing cleaner, so the check itself stays tested.
    [Property(MaxTest = 100, EndSize = 50, Arbitrary = [typeof(TextArbitraries)])]
    public void Cleaning_cleaned_text_changes_nothing(OcrText input)
    {
        var once = Cleaner.Value.Clean(input.Value);
        var twice = Cleaner.Value.Clean(once.Text);
        Assert.Equal(once.Text, twice.Text);
        Assert.DoesNotContain(twice.Corrections, c => c.Applied);
    }

    // The default cleaner and extractors take 50-300 ms per generated text: few, mid-sized cases keep the suite fast,
    // and one property checks both corrections and rows on the same run.
    [Property(MaxTest = 40, EndSize = 30, Arbitrary = [typeof(TextArbitraries)])]
    public void Every_correction_and_every_extracted_row_traces_back_to_the_input(OcrText input)
    {
        var result = Pipeline.Value.Process(Source(input.Value));
        AssertCorrectionsTrace(input.Value, result.Cleanup);
        AssertRowsTrace(result);
    }

    [Property(MaxTest = 50, EndSize = 30, Arbitrary = [typeof(TextArbitraries)])]
    public void No_exception_escapes_for_any_unicode_text(AnyText input)
    {
        var result = Pipeline.Value.Process(Source(input.Value));
        AssertCorrectionsTrace(input.Value, result.Cleanup);
        AssertRowsTrace(result);
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(TextArbitraries)])]
    public void Reading_any_bytes_gives_a_document_or_a_reasoned_error(AnyText input)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(input.Value);
        try
        {
            var doc = TextDocumentReader.FromBytes(bytes, "x.txt", "x");
            Assert.DoesNotContain('\0', doc.Text);
            Assert.DoesNotContain('\r', doc.Text);
        }
        catch (InputException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    /// <summary>The seed report and every corpus text through the real pipeline: the same checks on real rows.</summary>
    [Fact]
    public void The_corpus_documents_keep_every_property()
    {
        var corpus = Path.Combine(RepoRoot(), "corpus");
        var files = Directory.EnumerateFiles(corpus, "*.txt", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) == "report.txt").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var source = InputReader.CreateDefault().Read(file, "seed");
            var result = Pipeline.Value.Process(source);
            AssertCorrectionsTrace(source.Text, result.Cleanup);
            AssertRowsTrace(result);
            Assert.Equal(result.Cleanup.Text, Cleaner.Value.Clean(result.Cleanup.Text).Text);
        }
    }

    internal static void AssertCorrectionsTrace(string input, CleanResult cleanup)
    {
        foreach (var c in cleanup.Corrections)
        {
            Assert.True(c.Start >= 0 && c.Start <= c.End && c.End <= input.Length, $"correction {c} outside the input of {input.Length} characters");
            Assert.Equal(c.Original, input[c.Start..c.End]);
        }
    }

    /// <summary>
    /// For every row with offsets: both spans lie in their texts, the source span is the edit map's image of the
    /// cleaned span (possibly trimmed of edge white space), the page is the source start's page, and the text a row says it read (drug_text, event_text,
    /// evidence) is found around the cleaned span.
    /// </summary>
    internal static void AssertRowsTrace(DocumentResult result)
    {
        string input = result.Source.Text, cleaned = result.Cleanup.Text;
        IEnumerable<object> rows = [.. result.Medications, .. result.TrialArms, .. result.Outcomes, .. result.AdverseEvents, .. result.Staging, .. result.Findings];
        foreach (var row in rows)
        {
            var type = row.GetType();
            int Int(string name) => (int)type.GetProperty(name)!.GetValue(row)!;
            string? Str(string name) => type.GetProperty(name)?.GetValue(row) as string;
            int start = Int("Start"), end = Int("End"), ss = Int("SourceStart"), se = Int("SourceEnd");
            if (start == 0 && end == 0 && ss == 0 && se == 0) continue; // a row not located in the text (a table row without offsets)
            string where = $"{type.Name} [{start},{end}) source [{ss},{se}): {row}";
            Assert.True(0 <= start && start <= end && end <= cleaned.Length, $"cleaned span outside the text: {where}");
            Assert.True(0 <= ss && ss <= se && se <= input.Length, $"source span outside the input: {where}");
            // The source span is the edit map's image of the cleaned span, or of that span without white space at its
            // edges (an extractor may trim the provenance; the facts extractor does).
            int ts = start, te = end;
            while (ts < te && char.IsWhiteSpace(cleaned[ts])) ts++;
            while (te > ts && char.IsWhiteSpace(cleaned[te - 1])) te--;
            var mapped = result.Cleanup.Map.ToSource(start, end);
            Assert.True(mapped == (ss, se) || result.Cleanup.Map.ToSource(ts, te) == (ss, se), $"source span is not the map of the cleaned span {mapped}: {where}");
            if (type.GetProperty("Page") is { } page) Assert.True((int)page.GetValue(row)! == result.Source.PageAt(ss), $"page is not the source start's page: {where}");
            string span = Fold(cleaned[start..end]);
            foreach (var name in (string[])["DrugText", "EventText"])
                if (Str(name) is { Length: > 0 } said)
                    Assert.True(span.Contains(Fold(said), StringComparison.Ordinal), $"{name} '{said}' is not in the cleaned span '{span}': {where}");
            // Evidence of a table row joins its lines with " | ".
            if (Str("Evidence") is { Length: > 0 } evidence && span.Length > 0)
                Assert.True(Fold(evidence.Replace(" | ", " ")).Contains(span, StringComparison.Ordinal), $"evidence does not contain the cleaned span '{span}': {where}");
        }
    }

    private static string Fold(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Extractor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Extractor.sln not found above " + AppContext.BaseDirectory);
    }
}
