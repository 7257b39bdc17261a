using System.Diagnostics;

namespace Extractor.Evaluation;

/// <summary>
/// One reading of the process's memory during a long run: how much work was done by then (pages or documents),
/// the resident set (VmRSS) and the managed heap: the memory the GC has committed (at its last collection; the bytes
/// of objects, uncollected garbage included, when that is more), so free space the GC keeps after a collection counts
/// as managed, not native. <see cref="Native"/> is the rest of the resident set: Tesseract, Leptonica, glibc's heap,
/// the runtime itself, code.
/// </summary>
public readonly record struct MemorySample(long Done, long Resident, long Managed)
{
    public long Native => Math.Max(0, Resident - Managed);
}

/// <summary>The highest resident, native and managed memory seen while the work done was in [From, To).</summary>
public readonly record struct MemoryStretch(long From, long To, long Resident, long Native, long Managed, int Samples);

/// <summary>
/// Memory over a run of <see cref="Total"/> units, cut into stretches (units 0-12.5 %, 12.5-25 %, 25-50 %, 50-75 %,
/// 75-100 %: pages 0-25, 25-50, 50-100, 100-150, 150-200 of 200) and tenths. Each stretch keeps the highest value
/// seen in it, not a point sample: a point sample depends on whether the OCR workers are inside a page (~50 MB each)
/// or between pages; the highest does not. Flat: the last stretch is at most <see cref="FlatTolerance"/> times the
/// second, by which time every worker has started its engine and done work.
/// </summary>
public sealed record MemoryProfile(long Total, IReadOnlyList<MemoryStretch> Stretches, IReadOnlyList<MemoryStretch> Tenths, long PeakResident, long PeakNative)
{
    public const double FlatTolerance = 1.10;

    /// <summary>Where the stretches end, as fractions of the run.</summary>
    public static readonly IReadOnlyList<double> StretchEnds = [0.125, 0.25, 0.5, 0.75, 1.0];

    /// <summary>
    /// Cuts <paramref name="samples"/> into stretches and tenths of <paramref name="total"/> units. A sample with
    /// Done at or past the total (the run finishing its last units) counts in the last stretch and tenth.
    /// </summary>
    public static MemoryProfile Of(IReadOnlyList<MemorySample> samples, long total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        long[] ends = [.. StretchEnds.Select(f => Math.Max(1, (long)Math.Round(total * f))).Distinct()];
        var stretches = new List<MemoryStretch>(ends.Length);
        for (int m = 0; m < ends.Length; m++)
            stretches.Add(Highest(samples, m == 0 ? 0 : ends[m - 1], ends[m], last: m == ends.Length - 1));
        var tenths = new List<MemoryStretch>(10);
        for (int t = 1; t <= 10; t++)
        {
            long lo = total * (t - 1) / 10, hi = total * t / 10;
            if (hi > lo || t == 10) tenths.Add(Highest(samples, lo, Math.Max(hi, lo + 1), last: t == 10));
        }
        return new MemoryProfile(total, stretches, tenths,
            samples.Count == 0 ? 0 : samples.Max(s => s.Resident), samples.Count == 0 ? 0 : samples.Max(s => s.Native));
    }

    private static MemoryStretch Highest(IReadOnlyList<MemorySample> samples, long from, long to, bool last)
    {
        long resident = 0, native = 0, managed = 0;
        int n = 0;
        foreach (var s in samples)
        {
            if (s.Done < from || (s.Done >= to && !last)) continue;
            resident = Math.Max(resident, s.Resident);
            native = Math.Max(native, s.Native);
            managed = Math.Max(managed, s.Managed);
            n++;
        }
        return new MemoryStretch(from, to, resident, native, managed, n);
    }

    /// <summary>The stretch the last one is compared with: the second (pages 25-50 of 200), or the only one.</summary>
    public MemoryStretch Reference => Stretches[Math.Min(1, Stretches.Count - 1)];

    /// <summary>Highest value of the last stretch over that of <see cref="Reference"/> (0 when the reference has no samples).</summary>
    public double Growth(Func<MemoryStretch, long> measure)
    {
        double reference = measure(Reference);
        return reference <= 0 ? 0 : measure(Stretches[^1]) / reference;
    }

    /// <summary>Flat when the last stretch is within <see cref="FlatTolerance"/> of the reference (no samples in the reference: not flat).</summary>
    public bool IsFlat(Func<MemoryStretch, long> measure)
    {
        double g = Growth(measure);
        return g > 0 && g <= FlatTolerance;
    }

    public static readonly Func<MemoryStretch, long> Resident = s => s.Resident;
    public static readonly Func<MemoryStretch, long> Native = s => s.Native;
    public static readonly Func<MemoryStretch, long> Managed = s => s.Managed;

    /// <summary>"1.03x (flat)" or "1.23x (GROWING)".</summary>
    public string Verdict(Func<MemoryStretch, long> measure) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Growth(measure):0.00}x ({(IsFlat(measure) ? "flat" : "GROWING")})");
}

/// <summary>
/// Samples the process's resident set and managed heap every <c>interval</c> on a background thread while a run
/// goes on, with the work done at that moment from <c>progress</c>.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly Func<long> _progress;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public MemorySampler(Func<long> progress, TimeSpan? interval = null)
    {
        _progress = progress;
        _interval = interval ?? TimeSpan.FromMilliseconds(100);
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    private void Loop()
    {
        using var self = Process.GetCurrentProcess();
        while (true)
        {
            self.Refresh();
            var sample = new MemorySample(_progress(), self.WorkingSet64, ManagedHeap());
            lock (_samples) _samples.Add(sample);
            if (_stop.Token.WaitHandle.WaitOne(_interval)) break;
        }
    }

    /// <summary>The managed heap's size in memory: committed at the last collection, or in use now when more.</summary>
    public static long ManagedHeap() => Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().TotalCommittedBytes);

    /// <summary>Stops sampling and returns every sample taken.</summary>
    public IReadOnlyList<MemorySample> Stop()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        _thread.Join();
        lock (_samples) return [.. _samples];
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
