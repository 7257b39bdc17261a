using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Extractor.Core;
using Extractor.Ocr.Native;

namespace Extractor.Ocr;

/// <summary>
/// <see cref="OcrOptions.Workers"/> long-lived worker threads, each owning one engine (created on its first page and
/// kept: starting an engine loads the language model, slow and ~100 MB). Pages are queued to the workers, so at most
/// <see cref="Workers"/> pages are decoded and recognised at once whoever asks. Dedicated threads rather than thread-pool
/// threads: an engine always allocates from the same thread, so glibc keeps its memory in one arena and reuses it page
/// after page instead of spreading it over as many arenas as threads ever touched it (memory stays flat).
/// </summary>
public sealed class OcrEnginePool : IDisposable
{
    private static readonly Lazy<OcrEnginePool> SharedPool = new(() =>
    {
        var pool = new OcrEnginePool(OcrOptions.Default);
        // Ends the engines before the process exits; otherwise Tesseract's model cache reports leaks on stderr.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => pool.Dispose();
        return pool;
    });
    /// <summary>The process-wide pool with default options, shared by all readers.</summary>
    public static OcrEnginePool Shared => SharedPool.Value;

    // The engine of the current thread when it is one of this pool's workers (work queued from a worker runs inline).
    [ThreadStatic] private static Worker? t_worker;

    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;
    private readonly List<Worker> _workers = [];
    private int _disposed;

    public OcrOptions Options { get; }
    public int Workers => _threads.Length;

    public OcrEnginePool(OcrOptions options)
    {
        Options = options;
        NativeHeap.Configure();
        _threads = new Thread[Math.Max(1, options.Workers)];
        for (int i = 0; i < _threads.Length; i++)
        {
            var worker = new Worker(this);
            _workers.Add(worker);
            // 8 MB like a main thread: Tesseract's layout analysis recurses.
            _threads[i] = new Thread(worker.Loop, 8 << 20) { IsBackground = true, Name = $"ocr-{i + 1}" };
            _threads[i].Start();
        }
    }

    private sealed class Worker(OcrEnginePool pool)
    {
        private OcrEngine? _engine;

        public OcrEngine Engine
        {
            get
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref pool._disposed) != 0, pool);
                return _engine ??= new OcrEngine(pool.Options); // a setup error reaches the caller; retried next page
            }
        }

        public void Loop()
        {
            t_worker = this;
            try
            {
                foreach (var job in pool._queue.GetConsumingEnumerable()) job();
            }
            finally
            {
                _engine?.Dispose();
                _engine = null;
            }
        }
    }

    private bool OnWorker => t_worker is { } w && _workers.Contains(w);

    /// <summary>Runs <paramref name="work"/> on a worker with its engine; waits while all workers are busy.</summary>
    public T Use<T>(Func<OcrEngine, T> work)
    {
        if (OnWorker) return work(t_worker!.Engine);
        T result = default!;
        RunOnWorkers(1, _ => result = work(t_worker!.Engine), default);
        return result;
    }

    public OcrPage Recognize(PixHandle pix, int fallbackDpi = 0) => Use(e => e.Recognize(pix, fallbackDpi));

    /// <summary>
    /// Runs one job per page on the workers and returns the results in page order. Each job loads its own image, so only
    /// as many page images are in memory as there are workers. Jobs not started when <paramref name="cancel"/> fires are
    /// skipped; the first page's failure is thrown, as if the pages had been read one after another.
    /// </summary>
    public PageContent[] RunPages(int count, Func<int, PageContent> job, CancellationToken cancel = default)
    {
        var results = new PageContent[count];
        if (OnWorker)
        {
            // Asked from a worker (a page job reading a document): queueing would wait on ourselves.
            for (int i = 0; i < count; i++) { cancel.ThrowIfCancellationRequested(); results[i] = job(i); }
            return results;
        }
        RunOnWorkers(count, i => results[i] = job(i), cancel);
        return results;
    }

    private void RunOnWorkers(int count, Action<int> job, CancellationToken cancel)
    {
        if (count == 0) return;
        var errors = new Exception?[count];
        int left = count;
        using var done = new ManualResetEventSlim(false);
        for (int i = 0; i < count; i++)
        {
            int index = i;
            void Run()
            {
                try
                {
                    cancel.ThrowIfCancellationRequested();
                    job(index);
                }
                catch (Exception ex) { errors[index] = ex; }
                finally
                {
                    NativeHeap.AfterPage();
                    if (Interlocked.Decrement(ref left) == 0) done.Set();
                }
            }
            try { _queue.Add(Run); }
            catch (InvalidOperationException) { throw new ObjectDisposedException(nameof(OcrEnginePool)); }
        }
        done.Wait();
        cancel.ThrowIfCancellationRequested();
        if (errors.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Capture(first).Throw();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.CompleteAdding();
        foreach (var t in _threads)
            if (t != Thread.CurrentThread) t.Join(TimeSpan.FromSeconds(10)); // workers end their engines on their own threads
    }
}
