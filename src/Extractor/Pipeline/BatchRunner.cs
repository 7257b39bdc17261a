using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;

namespace Extractor.Pipeline;

public sealed record BatchOptions
{
    public required string OutputDirectory { get; init; }
    public CsvOptions Csv { get; init; } = CsvOptions.Default;
    /// <summary>Documents processed at once (default: one per core). Output order does not depend on it.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;
    /// <summary>Reuse the work of an earlier run into the same folder for documents whose input and settings are unchanged.</summary>
    public bool Resume { get; init; }
    /// <summary>Stops the batch: no new document starts, the ones in flight finish, the tables are written.</summary>
    public CancellationToken Cancel { get; init; }
    /// <summary>Called after each document, done, resumed or failed (from worker threads, one call at a time).</summary>
    public Action<BatchProgress>? OnProgress { get; init; }
    /// <summary>Each input folder is one document whose pages are its images in name order (--pages-folder).</summary>
    public bool PagesFolders { get; init; }
    /// <summary>Also write &lt;document_id&gt;.hocr (words with boxes and confidences) for image and PDF inputs (--hocr).</summary>
    public bool WriteHocr { get; init; }
    /// <summary>Also write &lt;document_id&gt;.alto.xml (ALTO 4.4: the cleaned text per word with the OCR reading and the
    /// suggestions as alternatives) for image and PDF inputs (--alto).</summary>
    public bool WriteAlto { get; init; }
    /// <summary>Called with each document processed in time, before its part is written (worker threads): review pages.
    /// A part's presence thus means the files written here are complete too.</summary>
    public Action<DocumentResult>? OnResult { get; init; }
    /// <summary>Files (relative to the output folder) that <see cref="OnResult"/> writes for a document, e.g. its review
    /// page: a resumed run processes a document again when one of them is missing, so it writes what an uninterrupted run writes.</summary>
    public Func<string, IEnumerable<string>>? SideFiles { get; init; }
    /// <summary>
    /// Most documents whose work is still running after their time limit (a stage that does not check
    /// <see cref="DocumentDeadline"/>) before the batch stops taking new documents: such work cannot be killed inside
    /// the process, so it is bounded instead of piling up. Default: max(2, jobs). The run then ends like an interrupted
    /// one (the timed-out documents are recorded; --resume goes on after them).
    /// </summary>
    public int? MaxStuck { get; init; }
    /// <summary>What else decides a document's rows (the reviewer's decisions): part of the resume fingerprint.</summary>
    public string Fingerprint { get; init; } = "";
    /// <summary>Test hook: a pause per document, to make a batch slow enough to interrupt.</summary>
    public TimeSpan DelayPerDocument { get; init; }
}

public readonly record struct BatchProgress(int Done, int Total, string DocumentId, string? Error)
{
    public string SourcePath { get; init; } = "";
    /// <summary>Reason code of a failure (errors.csv reason column).</summary>
    public string? Reason { get; init; }
    /// <summary>Taken over from an earlier run (--resume).</summary>
    public bool Resumed { get; init; }
}

public sealed record BatchSummary(int Documents, int Failed, int Pages, int Corrections, int Facts, TimeSpan Elapsed)
{
    public int Resumed { get; init; }
    /// <summary>Documents not processed because the run was stopped (Ctrl-C, SIGTERM).</summary>
    public int NotProcessed { get; init; }
    public bool Interrupted => NotProcessed > 0;
    /// <summary>Documents still running past their time limit when the run ended (their work is dropped; they do not delay the exit).</summary>
    public int Stuck { get; init; }
    /// <summary>The run stopped taking documents because <see cref="BatchOptions.MaxStuck"/> documents were stuck past their time limit.</summary>
    public bool StoppedByStuck { get; init; }
    /// <summary>Failures per reason code, most frequent first.</summary>
    public IReadOnlyList<(string Reason, int Count)> FailuresByReason { get; init; } = [];
}

/// <summary>
/// Runs the pipeline over many inputs: one bad document is logged to errors.csv and the batch goes on. Documents
/// run in parallel (bounded by <see cref="BatchOptions.Jobs"/>), each on its own thread with a time limit
/// (<see cref="InputLimits.Timeout"/>); their rows go to part files and are merged in input order at the end, so
/// the tables are the same whatever the parallelism, and a resumed run writes what an uninterrupted one writes.
/// </summary>
public sealed class BatchRunner(DocumentPipeline pipeline, InputReader reader)
{
    private const int DocumentStackBytes = 64 * 1024 * 1024; // deep recursion on odd text must not kill the process

    private static long s_documentsFinished;
    /// <summary>Documents finished (done, resumed or failed) by every batch of this process so far: progress for `benchmark ocr`'s memory run.</summary>
    public static long DocumentsFinished => Interlocked.Read(ref s_documentsFinished);

    public BatchSummary Run(IReadOnlyList<string> inputs, BatchOptions options)
    {
        var started = DateTime.UtcNow;
        var items = InputExpander.Plan(inputs, excludeDirectory: options.OutputDirectory, foldersAsDocuments: options.PagesFolders);
        var fingerprint = $"build={typeof(BatchRunner).Assembly.ManifestModule.ModuleVersionId};{reader.Limits.Fingerprint()}{options.Fingerprint}";
        using var output = new RunOutput(options.OutputDirectory, options.Csv, fingerprint, options.Resume);

        var parts = new DocumentPart?[items.Count];
        int next = -1, done = 0, resumedCount = 0;
        var progressLock = new object();
        Exception? fatal = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.Cancel);
        var stragglers = new Stragglers(options.MaxStuck ?? Math.Max(2, Math.Clamp(options.Jobs, 1, 256)));
        bool stoppedByStuck = false;

        void Report(int i, DocumentPart? part, bool resumed)
        {
            var item = items[i];
            Interlocked.Increment(ref s_documentsFinished);
            lock (progressLock)
            {
                var error = part is { Failed: true } ? part.Error : item.Error?.Message;
                options.OnProgress?.Invoke(new BatchProgress(++done, items.Count, item.DocumentId, error)
                {
                    SourcePath = item.Path,
                    Reason = part is { Failed: true } ? part.Reason : item.Error is { } e ? InputException.Code(e.Reason) : null,
                    Resumed = resumed,
                });
            }
        }

        void Worker()
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < items.Count)
            {
                var item = items[i];
                try
                {
                    if (item.Error is not null) { Report(i, null, false); continue; }
                    if (options.Resume && HashOf(item.Path) is { } hash && output.TryResume(item.DocumentId, item.Path, hash, SideFilesOf(item.DocumentId, options)) is { } old)
                    {
                        parts[i] = old with { Tables = [] };
                        Interlocked.Increment(ref resumedCount);
                        Report(i, old, resumed: true);
                        continue;
                    }
                    if (!stragglers.WaitForRoom(reader.Limits.Timeout, stop.Token))
                    {
                        // Too many documents stuck past their time limit: stop like Ctrl-C (this one is left for --resume).
                        if (!stop.IsCancellationRequested) { Volatile.Write(ref stoppedByStuck, true); stop.Cancel(); }
                        break;
                    }
                    var part = ProcessOne(item, output, options, stragglers);
                    parts[i] = part with { Tables = [] }; // the rows are in the part file: keep only the counts
                    Report(i, part, false);
                    ManagedHeapLimiter.Shared.AfterDocument(); // the document's garbage, promoted while it was in flight, goes now
                }
                catch (Exception ex)
                {
                    // Not a document's fault (the output folder is full or gone): stop the batch.
                    Interlocked.CompareExchange(ref fatal, ex, null);
                    stop.Cancel();
                }
            }
        }

        int jobs = Math.Clamp(options.Jobs, 1, 256);
        var threads = Enumerable.Range(0, Math.Min(jobs, Math.Max(1, items.Count))).Select(n => new Thread(Worker) { Name = $"batch worker {n}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (fatal is not null) ExceptionDispatchInfo.Throw(fatal);

        output.Commit(items.Select(it => new RunOutput.OrderEntry(it.DocumentId, it.Error is { } e
            ? new ErrorRow { DocumentId = it.DocumentId, SourcePath = it.Path, Stage = "read", Error = e.Message, Reason = InputException.Code(e.Reason) }
            : null)));

        int failed = items.Count(it => it.Error is not null) + parts.Count(p => p is { Failed: true });
        int notProcessed = items.Where((it, i) => it.Error is null && parts[i] is null).Count();
        var reasons = items.Where(it => it.Error is not null).Select(it => InputException.Code(it.Error!.Reason))
            .Concat(parts.Where(p => p is { Failed: true }).Select(p => p!.Reason))
            .GroupBy(r => r).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var ok = parts.Where(p => p is { Failed: false }).ToList();
        return new BatchSummary(items.Count, failed, ok.Sum(p => p!.Pages), ok.Sum(p => p!.Corrections), ok.Sum(p => p!.Facts), DateTime.UtcNow - started)
        {
            Resumed = resumedCount,
            NotProcessed = notProcessed,
            Stuck = stragglers.Alive,
            StoppedByStuck = stoppedByStuck,
            FailuresByReason = reasons,
        };
    }

    /// <summary>
    /// Reads and processes one document on its own thread within the time limit, then writes it; failures become its
    /// error part. Nothing is written by the document's thread: a document that overruns writes nothing, even when
    /// its abandoned work ends later.
    /// </summary>
    private DocumentPart ProcessOne(InputItem item, RunOutput output, BatchOptions options, Stragglers stragglers)
    {
        var limits = reader.Limits;
        var work = new DocumentWork();
        var deadline = new CancellationTokenSource(); // not disposed when abandoned: the thread may still look at it
        var thread = new Thread(() =>
        {
            using var scope = DocumentDeadline.Enter(deadline.Token);
            try
            {
                if (options.DelayPerDocument > TimeSpan.Zero) Thread.Sleep(options.DelayPerDocument); // test hook; ignores the deadline on purpose
                var source = reader.Read(item.Path, item.DocumentId, deadline.Token);
                if (source.ContentHash.Length == 0) source = source with { ContentHash = HashOf(item.Path) ?? "" };
                Volatile.Write(ref work.Stage, "process");
                DocumentDeadline.ThrowIfExpired();
                work.Result = pipeline.Process(source);
            }
            catch (Exception ex) { work.Error = ex; }
            finally
            {
                if (Interlocked.CompareExchange(ref work.State, DocumentWork.Finished, DocumentWork.Running) == DocumentWork.Abandoned)
                    stragglers.Ended();
            }
        }, DocumentStackBytes) { Name = $"document {item.DocumentId}", IsBackground = true };
        thread.Start();
        if (!thread.Join(limits.Timeout))
        {
            deadline.Cancel(); // stages that check the deadline stop now
            if (!thread.Join(limits.Timeout < AbandonGrace ? limits.Timeout : AbandonGrace) && Interlocked.CompareExchange(ref work.State, DocumentWork.Abandoned, DocumentWork.Running) == DocumentWork.Running)
            {
                // A stage that does not check: its thread runs on in the background (it cannot be killed safely),
                // counted so that stuck work stays bounded; its result is dropped and it never writes anything.
                stragglers.Abandoned();
                return Timeout(output, item, Volatile.Read(ref work.Stage), limits);
            }
            thread.Join();
        }
        deadline.Dispose();
        if (work.Error is OperationCanceledException && deadline.IsCancellationRequested)
            return Timeout(output, item, work.Stage, limits);
        // The OCR engine cannot start (library or language data missing): no document can be read, so the batch stops
        // with the message that says what to install instead of failing every image alone.
        if (work.Error is Ocr.Native.OcrSetupException setup) ExceptionDispatchInfo.Throw(setup);
        if (work.Error is { } error)
        {
            if (InputGuard.Classify(error) is { } input)
                return Fail(output, item, work.Stage, InputException.Code(input.Reason), input.Message, transient: input.Reason is InputErrorReason.Missing or InputErrorReason.Unreadable);
            string reason = error switch
            {
                OutOfMemoryException => "out-of-memory",
                InsufficientExecutionStackException or StackOverflowException => "too-deep",
                _ => "internal",
            };
            return Fail(output, item, work.Stage, reason, $"{error.GetType().Name}: {error.Message}", transient: reason == "out-of-memory");
        }
        var result = work.Result!;
        try
        {
            if (options.WriteHocr && result.Source.Words.Count > 0)
                RunOutput.WriteAtomic(output.SafePath($"{item.DocumentId}.hocr"), Ocr.HocrWriter.Write(result.Source));
            if (options.WriteAlto && result.Source.Words.Count > 0)
                RunOutput.WriteAtomic(output.SafePath($"{item.DocumentId}.alto.xml"), Ocr.AltoWriter.Write(result.Source, result.Cleanup));
            options.OnResult?.Invoke(result); // side files (review page) before the part: the part's presence vouches for them
            return output.Write(result);
        }
        catch (Exception ex) when (ex is not IOException and not UnauthorizedAccessException)
        {
            return Fail(output, item, "write", "internal", $"{ex.GetType().Name}: {ex.Message}", transient: false);
        }
    }

    /// <summary>How long a document's work may take to notice its deadline before it is abandoned (at most the time limit itself).</summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(1);

    private static DocumentPart Timeout(RunOutput output, InputItem item, string stage, InputLimits limits) =>
        Fail(output, item, stage, "timeout", $"took longer than {limits.Timeout.TotalSeconds:0.###} s (--timeout) while in stage {stage}", transient: false);

    /// <summary>The files a resumed document must still have: its hOCR and ALTO (when asked for and it has OCR words) and the caller's side files.</summary>
    private static Func<DocumentPart, IEnumerable<string>> SideFilesOf(string documentId, BatchOptions options) => part =>
        (options.WriteHocr && part.HasWords ? [$"{documentId}.hocr"] : Array.Empty<string>())
            .Concat(options.WriteAlto && part.HasWords ? [$"{documentId}.alto.xml"] : Array.Empty<string>())
            .Concat(options.SideFiles?.Invoke(documentId) ?? []);

    /// <summary>What a document's thread hands back; <see cref="State"/> decides once whether it finished or was abandoned.</summary>
    private sealed class DocumentWork
    {
        public const int Running = 0, Finished = 1, Abandoned = 2;
        public int State;
        public string Stage = "read";
        public DocumentResult? Result;
        public Exception? Error;
    }

    /// <summary>Counts abandoned document threads still running; new documents wait for room below the cap.</summary>
    private sealed class Stragglers(int cap)
    {
        private readonly object _gate = new();
        private int _alive;

        public int Alive { get { lock (_gate) return _alive; } }

        public void Abandoned() { lock (_gate) _alive++; }

        public void Ended()
        {
            lock (_gate) { _alive--; Monitor.PulseAll(_gate); }
        }

        /// <summary>True when fewer than the cap are stuck, waiting up to <paramref name="patience"/> for one to end.</summary>
        public bool WaitForRoom(TimeSpan patience, CancellationToken stop)
        {
            var until = DateTime.UtcNow + patience;
            lock (_gate)
            {
                while (_alive >= Math.Max(1, cap))
                {
                    var left = until - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || stop.IsCancellationRequested) return false;
                    Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                }
                return true;
            }
        }
    }

    private static DocumentPart Fail(RunOutput output, InputItem item, string stage, string reason, string message, bool transient)
    {
        var row = new ErrorRow { DocumentId = item.DocumentId, SourcePath = item.Path, Stage = stage, Error = message.ReplaceLineEndings(" "), Reason = reason };
        return output.WriteFailure(row, HashOf(item.Path) ?? "", transient);
    }

    /// <summary>SHA-256 of a file's bytes (hex, as documents.csv content_hash), or null when it cannot be read.</summary>
    public static string? HashOf(string path)
    {
        try
        {
            if (new FileInfo(path).Length == 0) return EmptyHash; // also pipes and devices, which an open could block on
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (!fs.CanSeek) return null; // a pipe or device: never read here
            return Convert.ToHexStringLower(SHA256.HashData(fs));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    public static string OneLine(Exception ex)
    {
        var msg = ex is InputException or IOException or UnauthorizedAccessException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return msg.ReplaceLineEndings(" ");
    }
}
