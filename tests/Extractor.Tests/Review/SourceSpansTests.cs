using Extractor.Core;
using Extractor.Extraction;
using Extractor.Review;

namespace Extractor.Tests.Review;

/// <summary>The input text of fact spans for the review files: read back from the output folder, not held per document.</summary>
public sealed class SourceSpansTests
{
    private static DocumentResult Result(string id, string text, params (int Start, int End)[] spans) => new()
    {
        Source = new SourceDocument { DocumentId = id, SourcePath = id + ".txt", Text = text },
        Cleanup = new Extractor.Cleanup.CleanResult(text, EditMap.Identity, []),
        Info = new DocumentInfo(),
        Findings = [.. spans.Select(s => new Finding { Field = "symptom", SourceStart = s.Start, SourceEnd = s.End })],
    };

    [Fact]
    public void Spans_are_read_back_from_the_output_folder_in_any_order()
    {
        var dir = Directory.CreateTempSubdirectory("spans-");
        try
        {
            var spans = new SourceSpans(dir.FullName, "spans");
            spans.Add(Result("a", "Fever and a dry cough.", (0, 5), (12, 21)));
            spans.Add(Result("b", "No nausea.", (3, 9)));
            Assert.Equal("Fever", spans.Get("a", 0, 5));
            Assert.Equal("nausea", spans.Get("b", 3, 9));
            Assert.Equal("dry cough", spans.Get("a", 12, 21)); // back to a document read before
            Assert.Null(spans.Get("a", 1, 5));
            Assert.Null(spans.Get("missing", 0, 1));

            // A second instance (a resumed run) knows them from the files alone.
            Assert.Equal("nausea", new SourceSpans(dir.FullName, "spans").Get("b", 3, 9));
            Assert.True(File.Exists(Path.Combine(dir.FullName, "spans", "a.json")));

            // A document processed again replaces its spans.
            spans.Add(Result("a", "Chills.", (0, 6)));
            Assert.Equal("Chills", spans.Get("a", 0, 6));
            Assert.Null(spans.Get("a", 12, 21));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Without_an_output_folder_spans_stay_in_memory()
    {
        var spans = new SourceSpans();
        spans.Add(Result("a", "Fever and a dry cough.", (0, 5)));
        Assert.Equal("Fever", spans.Get("a", 0, 5));
    }
}
