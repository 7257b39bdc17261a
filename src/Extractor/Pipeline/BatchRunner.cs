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
    /// <summary>Called with each processed document's result once its part is written (worker threads): review pages.</summary>
    public Action<DocumentResult>? OnResult { get; init; }
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

        void Report(int i, DocumentPart? part, bool resumed)
        {
            var item = items[i];
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
                    if (options.Resume && HashOf(item.Path) is { } hash && output.TryResume(item.DocumentId, item.Path, hash) is { } old)
                    {
                        parts[i] = old;
                        Interlocked.Increment(ref resumedCount);
                        Report(i, old, resumed: true);
                        continue;
                    }
                    parts[i] = ProcessOne(item, output, options);
                    Report(i, parts[i], false);
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
            FailuresByReason = reasons,
        };
    }

    /// <summary>Reads, processes and writes one document on its own thread within the time limit; failures become its error part.</summary>
    private DocumentPart ProcessOne(InputItem item, RunOutput output, BatchOptions options)
    {
        var limits = reader.Limits;
        string stage = "read";
        DocumentResult? result = null;
        Exception? error = null;
        var deadline = new CancellationTokenSource(); // not disposed when abandoned: the thread may still look at it
        var thread = new Thread(() =>
        {
            using var scope = DocumentDeadline.Enter(deadline.Token);
            try
            {
                if (options.DelayPerDocument > TimeSpan.Zero) Thread.Sleep(options.DelayPerDocument);
                var source = reader.Read(item.Path, item.DocumentId, deadline.Token);
                if (source.ContentHash.Length == 0) source = source with { ContentHash = HashOf(item.Path) ?? "" };
                Volatile.Write(ref stage, "process");
                result = pipeline.Process(source);
                if (options.WriteHocr && source.Words.Count > 0)
                    RunOutput.WriteAtomic(output.SafePath($"{item.DocumentId}.hocr"), Ocr.HocrWriter.Write(source));
            }
            catch (Exception ex) { error = ex; }
        }, DocumentStackBytes) { Name = $"document {item.DocumentId}", IsBackground = true };
        thread.Start();
        bool finished = thread.Join(limits.Timeout);
        if (!finished)
        {
            deadline.Cancel(); // cooperative stages stop; a stage that does not check runs on in the background, its result dropped
            finished = thread.Join(TimeSpan.FromSeconds(1));
        }
        if (finished) deadline.Dispose();
        if (!finished || (error is OperationCanceledException && deadline.IsCancellationRequested))
            return Fail(output, item, Volatile.Read(ref stage), "timeout", $"took longer than {limits.Timeout.TotalSeconds:0.#} s (--timeout) while in stage {Volatile.Read(ref stage)}", transient: false);
        if (error is not null)
        {
            if (InputGuard.Classify(error) is { } input)
                return Fail(output, item, stage, InputException.Code(input.Reason), input.Message, transient: input.Reason is InputErrorReason.Missing or InputErrorReason.Unreadable);
            string reason = error switch
            {
                OutOfMemoryException => "out-of-memory",
                InsufficientExecutionStackException or StackOverflowException => "too-deep",
                _ => "internal",
            };
            return Fail(output, item, stage, reason, $"{error.GetType().Name}: {error.Message}", transient: reason == "out-of-memory");
        }
        try
        {
            var part = output.Write(result!);
            options.OnResult?.Invoke(result!);
            return part;
        }
        catch (Exception ex) when (ex is not IOException and not UnauthorizedAccessException)
        {
            return Fail(output, item, "write", "internal", $"{ex.GetType().Name}: {ex.Message}", transient: false);
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
