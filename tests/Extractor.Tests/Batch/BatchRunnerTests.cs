using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Pipeline;
using Extractor.Tests.Ingest;
using static Extractor.Tests.Batch.BatchTestKit;

namespace Extractor.Tests.Batch;

public sealed class BatchRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-batch-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Tables_follow_input_order_and_do_not_depend_on_the_number_of_jobs()
    {
        var docs = WriteDocuments(Dir("in"), 24);
        docs.Reverse(); // input order, not name order
        var one = Run(Dir("out1"), docs, jobs: 1);
        var four = Run(Dir("out4"), docs, jobs: 4);
        Assert.Equal((24, 0), (one.Documents, one.Failed));
        AssertSameOutputs(Dir("out1"), Dir("out4"));
        var ids = ReadTable<DocumentInfo>(Dir("out4"), "documents").Select(d => d.DocumentId).ToList();
        Assert.Equal(docs.Select(InputExpander.DocumentIdOf), ids);
        Assert.Equal(24 * 4, ReadTable<Finding>(Dir("out4"), "findings").Count);
        Assert.Empty(Directory.EnumerateFiles(Dir("out4"), "*extractor-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_bad_file_is_one_error_row_with_its_reason_and_the_good_ones_are_done()
    {
        var expected = BadFiles.WriteCorpus(Dir("in"));
        var good = WriteDocuments(Dir("in"), 2, "zz-good");
        var progress = new List<BatchProgress>();
        var summary = Run(Dir("out"), [Dir("in")], progress: progress);

        Assert.Equal(expected.Count + good.Count, summary.Documents);
        Assert.Equal(expected.Count, summary.Failed);
        var errors = ReadTable<ErrorRow>(Dir("out"), "errors");
        Assert.Equal(expected.Count, errors.Count);
        foreach (var (name, reason) in expected)
        {
            var row = Assert.Single(errors, e => Path.GetFileName(e.SourcePath) == name);
            Assert.Equal(reason, row.Reason);
            Assert.False(string.IsNullOrWhiteSpace(row.Error));
        }
        Assert.Equal(["zz-good000", "zz-good001"], ReadTable<DocumentInfo>(Dir("out"), "documents").Select(d => d.DocumentId));
        Assert.All(progress.Where(p => p.Error is not null), p => Assert.Contains(p.SourcePath, errors.Select(e => e.SourcePath)));
        Assert.Equal(expected.Values.GroupBy(v => v).Count(), summary.FailuresByReason.Count);
    }

    [Fact]
    public void A_document_that_throws_or_runs_too_long_fails_alone()
    {
        var docs = WriteDocuments(Dir("in"), 3);
        File.WriteAllText(Dir("in/throws.txt"), "this one has THROW in it\n");
        File.WriteAllText(Dir("in/slow.txt"), "this one is SLOW but listens to its deadline\n");
        File.WriteAllText(Dir("in/hangs.txt"), "this one will HANG and ignore the deadline\n");
        var limits = BadFiles.TestLimits with { Timeout = TimeSpan.FromMilliseconds(400) };
        var summary = Run(Dir("out"), [Dir("in")], jobs: 3, pipeline: TestPipeline(new TroubleExtractor()), limits: limits);

        Assert.Equal((6, 3), (summary.Documents, summary.Failed));
        var errors = ReadTable<ErrorRow>(Dir("out"), "errors").ToDictionary(e => e.DocumentId);
        Assert.Equal(("process", "internal"), (errors["throws"].Stage, errors["throws"].Reason));
        Assert.Contains("extractor bug on purpose", errors["throws"].Error);
        Assert.Equal("timeout", errors["slow"].Reason);
        Assert.Equal("timeout", errors["hangs"].Reason);
        Assert.Contains("--timeout", errors["hangs"].Error);
        Assert.Equal(3, ReadTable<DocumentInfo>(Dir("out"), "documents").Count);
        Assert.False(File.Exists(Dir("out/throws.clean.txt")));
    }

    [Fact]
    public void Resume_reuses_unchanged_documents_redoes_changed_ones_and_writes_what_a_fresh_run_writes()
    {
        var docs = WriteDocuments(Dir("in"), 10);
        File.WriteAllBytes(Dir("in/empty.txt"), []);
        Run(Dir("out"), [Dir("in")]);
        File.AppendAllText(docs[3], "one more line\n");          // changed input
        WriteDocuments(Dir("in"), 1, "new");                      // new input
        File.Delete(Dir("out/doc007.clean.txt"));                 // an output gone

        var progress = new List<BatchProgress>();
        var resumed = Run(Dir("out"), [Dir("in")], resume: true, progress: progress);
        var redone = progress.Where(p => !p.Resumed).Select(p => p.DocumentId).Order().ToList();
        Assert.Equal(["doc003", "doc007", "new000"], redone.Where(id => id != "empty"));
        Assert.Equal(9, resumed.Resumed); // 8 unchanged documents and the empty file's error
        Assert.Equal(1, resumed.Failed);

        Run(Dir("fresh"), [Dir("in")]);
        AssertSameOutputs(Dir("fresh"), Dir("out"));
    }

    [Fact]
    public void Unreadable_files_fail_as_unreadable_and_are_retried_on_resume()
    {
        WriteDocuments(Dir("in"), 2);
        File.WriteAllText(Dir("in/denied.txt"), "secret\n");
        var first = Run(Dir("out"), [Dir("in")]);
        var row = Assert.Single(ReadTable<ErrorRow>(Dir("out"), "errors"));
        Assert.Equal(("unreadable", "permission denied"), (row.Reason, row.Error));
        Assert.Equal(1, first.Failed);
        var progress = new List<BatchProgress>();
        Run(Dir("out"), [Dir("in")], resume: true, progress: progress);
        Assert.False(progress.Single(p => p.DocumentId == "denied").Resumed); // transient: tried again
        Assert.True(progress.Single(p => p.DocumentId == "doc000").Resumed);
    }

    [Fact]
    public void Stopping_finishes_the_documents_in_flight_writes_complete_tables_and_resume_completes_them()
    {
        var docs = WriteDocuments(Dir("in"), 12);
        using var stop = new CancellationTokenSource();
        var summary = Run(Dir("out"), docs, jobs: 1, cancel: stop.Token, onProgress: p => { if (p.Done == 4) stop.Cancel(); });
        Assert.True(summary.Interrupted);
        Assert.Equal(8, summary.NotProcessed);
        Assert.Equal(4, ReadTable<DocumentInfo>(Dir("out"), "documents").Count);

        var resumed = Run(Dir("out"), docs, resume: true);
        Assert.False(resumed.Interrupted);
        Assert.Equal(4, resumed.Resumed);
        Run(Dir("fresh"), docs);
        AssertSameOutputs(Dir("fresh"), Dir("out"));
    }

    [Fact]
    public void A_damaged_part_file_is_not_trusted_on_resume()
    {
        var docs = WriteDocuments(Dir("in"), 3);
        Run(Dir("out"), docs);
        var part = Path.Combine(Dir("out"), RunOutput.WorkFolderName, "parts", "doc001.part");
        File.WriteAllBytes(part, File.ReadAllBytes(part)[..^10]);
        var progress = new List<BatchProgress>();
        Run(Dir("out"), docs, resume: true, progress: progress);
        Assert.False(progress.Single(p => p.DocumentId == "doc001").Resumed);
        Run(Dir("fresh"), docs);
        AssertSameOutputs(Dir("fresh"), Dir("out"));
    }

    [Fact]
    public void Two_runs_cannot_write_to_the_same_folder_at_once()
    {
        using var first = new RunOutput(Dir("out"), CsvOptions.Default);
        var ex = Assert.Throws<IOException>(() => new RunOutput(Dir("out"), CsvOptions.Default));
        Assert.Contains("another extractor run", ex.Message);
    }

    [Fact]
    public void Folders_expand_in_name_order_without_hidden_files_loops_repeats_or_the_output_folder()
    {
        var docs = WriteDocuments(Dir("in/b"), 2);
        WriteDocuments(Dir("in/a"), 1);
        File.WriteAllText(Dir("in/.hidden.txt"), "hidden\n");
        Directory.CreateSymbolicLink(Dir("in/b/loop"), Dir("in"));
        File.WriteAllText(Dir("in/a/doc000.md"), "same id as a/doc000.txt\n");
        var plan = InputExpander.Plan([Dir("in"), docs[0], Dir("missing")], excludeDirectory: Dir("in/out"));
        Assert.Equal(["doc000", "doc000-2", "doc000-3", "doc001", "missing"], plan.Select(p => p.DocumentId));
        Assert.Equal([Dir("in/a/doc000.md"), Dir("in/a/doc000.txt"), docs[0], docs[1]], plan.Take(4).Select(p => p.Path));
        Assert.Equal(InputErrorReason.Missing, plan[^1].Error!.Reason);

        // Outputs written inside the input folder are not read back as inputs by the next run.
        Run(Dir("in/out"), [Dir("in")]);
        var again = Run(Dir("in/out"), [Dir("in")]);
        Assert.Equal(5 - 1, again.Documents);
    }

    [Theory]
    [InlineData("../x", "___x")]
    [InlineData("..", "__")]
    [InlineData("CON", "_CON")]
    [InlineData("nul", "_nul")]
    [InlineData("-rf", "_rf")]
    [InlineData("=HYPERLINK", "_HYPERLINK")]
    [InlineData("a\\b:c", "a_b_c")]
    [InlineData("", "document")]
    [InlineData("症例報告", "症例報告")]
    public void Document_ids_are_safe_file_names(string name, string expected) => Assert.Equal(expected, OutputNames.SafeId(name));

    [Fact]
    public void Long_ids_are_cut_and_stay_distinct()
    {
        var a = OutputNames.SafeId(new string('a', 300) + "1");
        var b = OutputNames.SafeId(new string('a', 300) + "2");
        Assert.NotEqual(a, b);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(a) <= OutputNames.MaxIdBytes);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(OutputNames.SafeId(new string('症', 200))) <= OutputNames.MaxIdBytes);
    }

    [Fact]
    public void Outputs_stay_inside_the_output_folder_whatever_the_input_names()
    {
        Directory.CreateDirectory(Dir("in"));
        string[] names = ["CON.txt", "..x.txt", "a\\..\\..\\b.txt", "-rf.txt", new string('n', 250) + ".txt", "x y;z.txt"];
        foreach (var n in names) File.WriteAllText(Path.Combine(Dir("in"), n), $"text of {n[..Math.Min(10, n.Length)]}\n");
        // A folder skips hidden files: "..x.txt" is given by name.
        var summary = Run(Dir("out/inner"), [Dir("in"), Path.Combine(Dir("in"), "..x.txt")]);
        Assert.Equal((names.Length, 0), (summary.Documents, summary.Failed));
        Assert.Equal(["inner"], Directory.EnumerateFileSystemEntries(Dir("out")).Select(Path.GetFileName));
        var ids = ReadTable<DocumentInfo>(Dir("out/inner"), "documents").Select(d => d.DocumentId).ToList();
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(Dir("out/inner"), id + ".clean.txt")), id));
        Assert.Contains("_CON", ids);
        Assert.Contains("_rf", ids);

        using var output = new RunOutput(Dir("out/inner"), CsvOptions.Default);
        foreach (var evil in (string[])["../x.clean.txt", "..", "/etc/passwd", "a/../../b"])
            Assert.StartsWith(Dir("out/inner") + "/", output.SafePath(evil));
    }

    [Fact]
    public void Resume_redoes_documents_whose_side_files_or_hocr_are_missing()
    {
        var docs = WriteDocuments(Dir("in"), 3);
        File.WriteAllText(Dir("in/scan.words"), "Sorafenib 400 mg twice daily\n");
        Func<BatchOptions, BatchOptions> sides = o => o with
        {
            WriteHocr = true,
            OnResult = r => File.WriteAllText(Path.Combine(o.OutputDirectory, r.Info.DocumentId + ".side"), r.Info.DocumentId),
            SideFiles = id => [id + ".side"],
        };
        Run(Dir("out"), [Dir("in")], options: sides);
        Assert.True(File.Exists(Dir("out/scan.hocr")));
        Assert.False(File.Exists(Dir("out/doc000.hocr"))); // no OCR words, no hOCR
        File.Delete(Dir("out/doc001.side"));
        File.Delete(Dir("out/scan.hocr"));

        var progress = new List<BatchProgress>();
        Run(Dir("out"), [Dir("in")], resume: true, progress: progress, options: sides);
        Assert.Equal(["doc001", "scan"], progress.Where(p => !p.Resumed).Select(p => p.DocumentId).Order());
        Run(Dir("fresh"), [Dir("in")], options: sides);
        AssertSameOutputs(Dir("fresh"), Dir("out"));

        // A first run without --hocr, resumed with it: the OCR'd document is redone to get its hOCR.
        progress.Clear();
        Run(Dir("plain"), [Dir("in")]);
        Run(Dir("plain"), [Dir("in")], resume: true, progress: progress, options: o => o with { WriteHocr = true });
        Assert.Equal(["scan"], progress.Where(p => !p.Resumed).Select(p => p.DocumentId));
        Assert.True(File.Exists(Dir("plain/scan.hocr")));
    }

    [Fact]
    public void Resume_redoes_documents_whose_alto_is_missing_or_was_not_asked_for()
    {
        WriteDocuments(Dir("in"), 2);
        File.WriteAllText(Dir("in/scan.words"), "Sorafenib 400 mg twice daily\n");
        Func<BatchOptions, BatchOptions> alto = o => o with { WriteAlto = true };
        Run(Dir("out"), [Dir("in")], options: alto);
        Assert.True(File.Exists(Dir("out/scan.alto.xml")));
        Assert.False(File.Exists(Dir("out/doc000.alto.xml"))); // no OCR words, no ALTO
        var first = File.ReadAllBytes(Dir("out/scan.alto.xml"));
        File.Delete(Dir("out/scan.alto.xml"));

        var progress = new List<BatchProgress>();
        Run(Dir("out"), [Dir("in")], resume: true, progress: progress, options: alto);
        Assert.Equal(["scan"], progress.Where(p => !p.Resumed).Select(p => p.DocumentId));
        Assert.Equal(first, File.ReadAllBytes(Dir("out/scan.alto.xml")));

        // A first run without --alto, resumed with it: the OCR'd document is redone to get its ALTO; without it, nothing is written.
        progress.Clear();
        Run(Dir("plain"), [Dir("in")]);
        Assert.Empty(Directory.GetFiles(Dir("plain"), "*.alto.xml"));
        Run(Dir("plain"), [Dir("in")], resume: true, progress: progress, options: alto);
        Assert.Equal(["scan"], progress.Where(p => !p.Resumed).Select(p => p.DocumentId));
        Assert.Equal(first, File.ReadAllBytes(Dir("plain/scan.alto.xml")));
    }

    [Fact]
    public void Formula_cells_are_neutralized_in_the_tables_unless_turned_off_for_pipelines()
    {
        var docs = WriteDocuments(Dir("in"), 1); // lines "=HYPERLINK(...)", "-0 and +0 and @0"
        Run(Dir("safe"), docs);
        Run(Dir("raw"), docs, csv: new CsvOptions { NeutralizeFormulas = false });
        var safe = ReadTable<Finding>(Dir("safe"), "findings").Select(f => f.Value).ToList();
        var raw = ReadTable<Finding>(Dir("raw"), "findings").Select(f => f.Value).ToList();
        Assert.Contains("'=HYPERLINK(\"x\") cell 0", safe);
        Assert.Contains("'-0 and +0 and @0", safe);
        Assert.Contains("=HYPERLINK(\"x\") cell 0", raw);
        Assert.DoesNotContain(safe.Concat(ReadTable<Finding>(Dir("safe"), "findings").Select(f => f.Evidence)), v => v.Length > 0 && "=+-@\t\r".Contains(v[0]));
    }
}
