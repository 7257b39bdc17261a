using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Language;
using Extractor.Pipeline;

namespace Extractor.Tests.Batch;

/// <summary>Test extractors and helpers for batch tests.</summary>
internal static class BatchTestKit
{
    /// <summary>One finding per non-empty line: value = the line, so outputs depend on every input byte.</summary>
    public sealed class LineExtractor : IExtractor
    {
        public void Extract(AnalyzedDocument document, ExtractionSink sink)
        {
            int start = 0;
            var text = document.Text;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                if (end > start)
                {
                    var at = document.Locate(start, end);
                    sink.Findings.Add(new Finding
                    {
                        DocumentId = document.DocumentId, Field = "line", Value = text[start..end],
                        Start = at.Start, End = at.End, SourceStart = at.SourceStart, SourceEnd = at.SourceEnd, Page = at.Page, Evidence = at.Evidence,
                    });
                }
                start = end + 1;
            }
        }
    }

    /// <summary>Misbehaves on documents containing a marker: THROW, SLOW (waits for the deadline), HANG (ignores it).</summary>
    public sealed class TroubleExtractor : IExtractor
    {
        public void Extract(AnalyzedDocument document, ExtractionSink sink)
        {
            if (document.Text.Contains("THROW")) throw new InvalidOperationException("extractor bug on purpose");
            if (document.Text.Contains("SLOW")) while (true) { DocumentDeadline.ThrowIfExpired(); Thread.Sleep(5); }
            if (document.Text.Contains("HANG")) Thread.Sleep(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Fails reading files whose name contains "denied" the way an unreadable file does (tests run as root, who can read anything).</summary>
    public sealed class DeniedReader : IDocumentReader
    {
        public bool CanRead(string path, ReadOnlySpan<byte> head) => Path.GetFileName(path).Contains("denied");
        public Extractor.Core.SourceDocument Read(string path, string documentId) => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
    }

    /// <summary>
    /// Ignores the deadline: on documents containing BLOCK it waits until <see cref="Release"/> (a stage stuck in
    /// native code or an endless loop). Counts how many are blocked at once and how many ended.
    /// </summary>
    public sealed class BlockingExtractor : IExtractor
    {
        private readonly ManualResetEventSlim _gate = new(false);
        private int _blocked, _ended;
        public int MostBlockedAtOnce;
        public int Ended => Volatile.Read(ref _ended);
        public int Blocked => Volatile.Read(ref _blocked);

        public void Release() => _gate.Set();

        public void Extract(AnalyzedDocument document, ExtractionSink sink)
        {
            if (!document.Text.Contains("BLOCK")) return;
            int now = Interlocked.Increment(ref _blocked);
            lock (this) MostBlockedAtOnce = Math.Max(MostBlockedAtOnce, now);
            _gate.Wait();
            Interlocked.Decrement(ref _blocked);
            Interlocked.Increment(ref _ended);
        }

        /// <summary>Waits (test side) until every blocked document's thread has ended.</summary>
        public void WaitUntilNoneBlocked()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Blocked > 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
            Assert.Equal(0, Blocked);
        }
    }

    /// <summary>Returns only after the document's deadline has passed, without throwing: the pipeline must stop before the next stage.</summary>
    public sealed class OverrunExtractor : IExtractor
    {
        public void Extract(AnalyzedDocument document, ExtractionSink sink)
        {
            if (document.Text.Contains("OVERRUN")) DocumentDeadline.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Records the documents it saw.</summary>
    public sealed class SeenExtractor : IExtractor
    {
        public readonly System.Collections.Concurrent.ConcurrentBag<string> Seen = [];
        public void Extract(AnalyzedDocument document, ExtractionSink sink) => Seen.Add(document.DocumentId);
    }

    /// <summary>Reads *.words files as if OCR'd: one word with a box per white-space separated token (for hOCR output).</summary>
    public sealed class WordsReader : IDocumentReader
    {
        public bool CanRead(string path, ReadOnlySpan<byte> head) => path.EndsWith(".words", StringComparison.Ordinal);
        public Extractor.Core.SourceDocument Read(string path, string documentId)
        {
            var text = File.ReadAllText(path);
            var words = System.Text.RegularExpressions.Regex.Matches(text, @"\S+")
                .Select((m, i) => new Extractor.Core.OcrWord(m.Value, 1, new Extractor.Core.BoundingBox(10 * i, 0, 10 * i + 8, 10), 90f, m.Index, m.Index + m.Length)).ToList();
            return new Extractor.Core.SourceDocument { DocumentId = documentId, SourcePath = path, Text = text, Encoding = "ocr", Words = words };
        }
    }

    public static DocumentPipeline TestPipeline(params IExtractor[] extra) =>
        new(Extractor.Cleanup.IdentityCleaner.Instance, [new LineExtractor(), .. extra]);

    public static InputReader Reader(InputLimits? limits = null) =>
        new([new DeniedReader(), new WordsReader(), .. DefaultReaders.All()], limits ?? Extractor.Tests.Ingest.BadFiles.TestLimits);

    public static BatchSummary Run(string outDir, IReadOnlyList<string> inputs, int jobs = 2, bool resume = false, DocumentPipeline? pipeline = null,
        InputLimits? limits = null, List<BatchProgress>? progress = null, CancellationToken cancel = default, Action<BatchProgress>? onProgress = null, CsvOptions? csv = null,
        Func<BatchOptions, BatchOptions>? options = null)
    {
        var runner = new BatchRunner(pipeline ?? TestPipeline(), Reader(limits));
        var batch = new BatchOptions
        {
            OutputDirectory = outDir, Jobs = jobs, Resume = resume, Cancel = cancel, Csv = csv ?? CsvOptions.Default,
            OnProgress = p => { lock (progress ?? []) progress?.Add(p); onProgress?.Invoke(p); },
        };
        return runner.Run(inputs, options?.Invoke(batch) ?? batch);
    }

    /// <summary>Writes <paramref name="count"/> small text documents; returns their paths in order.</summary>
    public static List<string> WriteDocuments(string dir, int count, string prefix = "doc")
    {
        Directory.CreateDirectory(dir);
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var path = Path.Combine(dir, $"{prefix}{i:D3}.txt");
            File.WriteAllText(path, $"Case {i}: a {40 + i % 40}-year-old patient.\nSorafenib {200 * (1 + i % 4)} mg daily.\n=HYPERLINK(\"x\") cell {i}\n-{i} and +{i} and @{i}\n");
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Every file the run wrote (tables, cleaned texts, review files, report pages, hOCR), relative path -> bytes;
    /// hidden files and folders (the work folder, temporary files) left out.</summary>
    public static SortedDictionary<string, byte[]> Outputs(string outDir) =>
        new(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outDir, f))
            .Where(rel => !rel.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .ToDictionary(rel => rel, rel => File.ReadAllBytes(Path.Combine(outDir, rel))), StringComparer.Ordinal);

    public static void AssertSameOutputs(string expectedDir, string actualDir)
    {
        var expected = Outputs(expectedDir);
        var actual = Outputs(actualDir);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }

    public static List<T> ReadTable<T>(string outDir, string table)
    {
        using var reader = new StreamReader(Path.Combine(outDir, table + ".csv"));
        return CsvExport.Read<T>(reader);
    }
}
