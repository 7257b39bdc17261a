using Extractor.Extraction;
using Extractor.Pipeline;
using Extractor.Tests.Ingest;
using static Extractor.Tests.Batch.BatchTestKit;

namespace Extractor.Tests.Batch;

/// <summary>
/// The time limit per document is real: a stage that checks the deadline stops at once, the pipeline stops between
/// stages, and work that ignores the deadline is abandoned (it writes nothing, ever), counted, and bounded: past
/// <see cref="BatchOptions.MaxStuck"/> stuck documents the batch stops taking new ones and --resume goes on.
/// </summary>
public sealed class TimeLimitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-time-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Extractor.Ingest.InputLimits Limits(int ms) => BadFiles.TestLimits with { Timeout = TimeSpan.FromMilliseconds(ms) };

    [Fact]
    public void A_stage_that_returns_late_stops_the_pipeline_before_the_next_stage()
    {
        WriteDocuments(Dir("in"), 2);
        File.WriteAllText(Dir("in/late.txt"), "this one will OVERRUN its time\n");
        var after = new SeenExtractor();
        var summary = Run(Dir("out"), [Dir("in")], jobs: 1, pipeline: TestPipeline(new OverrunExtractor(), after), limits: Limits(200));

        Assert.Equal((3, 1), (summary.Documents, summary.Failed));
        var error = Assert.Single(ReadTable<ErrorRow>(Dir("out"), "errors"));
        Assert.Equal(("late", "timeout", "process"), (error.DocumentId, error.Reason, error.Stage));
        Assert.DoesNotContain("late", after.Seen);       // the stage after the overrun never ran
        Assert.Equal(2, after.Seen.Count);
        Assert.Equal(0, summary.Stuck);                   // nothing left running
    }

    [Fact]
    public void Work_that_ignores_the_deadline_is_abandoned_writes_nothing_and_does_not_hold_up_the_run()
    {
        WriteDocuments(Dir("in"), 2);
        File.WriteAllText(Dir("in/stuck.txt"), "this one will BLOCK forever\n");
        var blocker = new BlockingExtractor();
        var results = new List<string>();
        var summary = Run(Dir("out"), [Dir("in")], jobs: 2, pipeline: TestPipeline(blocker), limits: Limits(200),
            options: o => o with { OnResult = r => { lock (results) results.Add(r.Info.DocumentId); }, SideFiles = id => [$"{id}.side"] });

        // The run is over while the stuck document's thread still runs.
        Assert.Equal(1, blocker.Blocked);
        Assert.Equal(1, summary.Stuck);
        Assert.False(summary.StoppedByStuck);
        Assert.Equal((3, 1), (summary.Documents, summary.Failed));
        var error = Assert.Single(ReadTable<ErrorRow>(Dir("out"), "errors"));
        Assert.Equal(("stuck", "timeout"), (error.DocumentId, error.Reason));
        Assert.Contains("--timeout", error.Error);
        Assert.Contains("stage process", error.Error);

        // When the abandoned work finally ends, its result is dropped: no cleaned text, no side files, tables unchanged.
        var tables = Outputs(Dir("out"));
        blocker.Release();
        blocker.WaitUntilNoneBlocked();
        Thread.Sleep(50);
        Assert.Equal(1, blocker.Ended);
        Assert.DoesNotContain("stuck", results);
        Assert.False(File.Exists(Dir("out/stuck.clean.txt")));
        Assert.Equal(tables.Keys, Outputs(Dir("out")).Keys);
    }

    [Fact]
    public void Stuck_documents_are_bounded_then_the_batch_stops_and_resume_goes_on_after_them()
    {
        Directory.CreateDirectory(Dir("in"));
        for (int i = 0; i < 5; i++) File.WriteAllText(Dir($"in/a-stuck{i}.txt"), $"document {i} will BLOCK\n");
        WriteDocuments(Dir("in"), 3, "b-good");
        var blocker = new BlockingExtractor();
        var pipeline = TestPipeline(blocker);
        var summary = Run(Dir("out"), [Dir("in")], jobs: 1, pipeline: pipeline, limits: Limits(150), options: o => o with { MaxStuck = 2 });

        Assert.True(summary.StoppedByStuck);
        Assert.True(summary.Interrupted);
        Assert.Equal(2, summary.Stuck);
        Assert.Equal(2, blocker.MostBlockedAtOnce);     // never more than the cap running past their limit
        Assert.Equal(6, summary.NotProcessed);           // 3 stuck ones and 3 good ones left for --resume
        Assert.Equal(["timeout", "timeout"], ReadTable<ErrorRow>(Dir("out"), "errors").Select(e => e.Reason));

        blocker.Release();
        blocker.WaitUntilNoneBlocked();
        var progress = new List<BatchProgress>();
        var resumed = Run(Dir("out"), [Dir("in")], jobs: 1, resume: true, pipeline: pipeline, limits: Limits(150), progress: progress);
        Assert.False(resumed.Interrupted);
        Assert.Equal(2, resumed.Resumed);                // the two timeouts are kept like results
        Assert.Equal((8, 2), (resumed.Documents, resumed.Failed));
        Assert.Equal(3, ReadTable<DocumentInfo>(Dir("out"), "documents").Count(d => d.DocumentId.StartsWith("a-stuck")));
    }
}
