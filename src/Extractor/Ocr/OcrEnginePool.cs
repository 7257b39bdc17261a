using Extractor.Core;

namespace Extractor.Ocr;

/// <summary>
/// Up to <see cref="OcrOptions.Workers"/> engines, created on first use and reused: a worker takes an idle engine,
/// recognises a page, and gives it back. Starting an engine loads the language model (slow, ~100 MB), so engines
/// live as long as the pool.
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

    private readonly SemaphoreSlim _slots;
    private readonly Stack<OcrEngine> _idle = new();
    private readonly List<OcrEngine> _all = new();
    private bool _disposed;

    public OcrOptions Options { get; }
    public int Workers => Options.Workers;

    public OcrEnginePool(OcrOptions options)
    {
        Options = options;
        _slots = new SemaphoreSlim(Math.Max(1, options.Workers));
    }

    /// <summary>Runs <paramref name="work"/> with an engine of its own; waits while all engines are busy.</summary>
    public T Use<T>(Func<OcrEngine, T> work)
    {
        _slots.Wait();
        OcrEngine? engine = null;
        try
        {
            lock (_idle)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _idle.TryPop(out engine);
            }
            if (engine is null)
            {
                engine = new OcrEngine(Options);
                lock (_idle) _all.Add(engine);
            }
            return work(engine);
        }
        finally
        {
            if (engine is not null) lock (_idle) _idle.Push(engine);
            _slots.Release();
        }
    }

    public OcrPage Recognize(Native.PixHandle pix, int fallbackDpi = 0) => Use(e => e.Recognize(pix, fallbackDpi));

    /// <summary>
    /// Runs one job per page, at most <see cref="Workers"/> at once, and returns the results in page order. Each job
    /// loads its own image, so only as many page images are in memory as there are workers.
    /// </summary>
    public PageContent[] RunPages(int count, Func<int, PageContent> job, CancellationToken cancel = default)
    {
        var results = new PageContent[count];
        if (count == 1) { cancel.ThrowIfCancellationRequested(); results[0] = job(0); return results; }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Workers), CancellationToken = cancel }, i => results[i] = job(i));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            // The first page's failure, as if the pages had been read one after another.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        return results;
    }

    public void Dispose()
    {
        lock (_idle)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var e in _all) e.Dispose();
            _all.Clear();
            _idle.Clear();
        }
    }
}
