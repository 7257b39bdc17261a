using System.Diagnostics;
using Extractor.Cleanup;

namespace Extractor.Evaluation;

/// <summary>
/// Throughput of one timed pass of a cleaner over a stream of texts. CPU seconds are the process's (one thread
/// cleans; the runtime's own threads add a little), so MB per CPU second is the figure for one core on a shared
/// machine; wall-clock MB/s is printed too. <see cref="Rss"/> holds the resident set sampled as the pass went on.
/// </summary>
public sealed record SpeedPass(string Name, int Documents, long Bytes, double WallSeconds, double CpuSeconds, long PeakWorkingSet, long ManagedHeap,
    IReadOnlyList<(double MegaBytesDone, long WorkingSet)> Rss)
{
    public double MegaBytes => Bytes / 1e6;
    public double MegaBytesPerSecond => WallSeconds <= 0 ? 0 : MegaBytes / WallSeconds;
    public double MegaBytesPerCpuSecond => CpuSeconds <= 0 ? 0 : MegaBytes / CpuSeconds;

    public string Summary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Name}: {Documents} docs, {MegaBytes:0.00} MB in {CpuSeconds:0.00} CPU s = {MegaBytesPerCpuSecond:0.00} MB/s on one core " +
        $"(wall {WallSeconds:0.00} s = {MegaBytesPerSecond:0.00} MB/s), peak working set {PeakWorkingSet / 1048576.0:0} MB, managed heap {ManagedHeap / 1048576.0:0} MB");

    /// <summary>The working set at each sample: flat when documents stream through one at a time.</summary>
    public string RssLine() => Rss.Count == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"  RSS over the run (MB done: MB resident): {string.Join(", ", Rss.Select(r => $"{r.MegaBytesDone:0.0}: {r.WorkingSet / 1048576.0:0}"))}");
}

/// <summary>
/// Times a cleaner alone on the calling thread, document by document: texts are read one at a time from a lazy
/// source, so memory stays that of one document plus the cleaner's shared data, however much text passes.
/// </summary>
public static class CleanupSpeed
{
    /// <summary>Cleans every text once; samples the working set about every <paramref name="sampleBytes"/> bytes (0: never).</summary>
    public static SpeedPass Measure(string name, ICleaner cleaner, IEnumerable<string> texts, long sampleBytes = 0)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int docs = 0;
        long bytes = 0, chars = 0, nextSample = sampleBytes;
        var rss = new List<(double, long)>();
        foreach (var text in texts)
        {
            var result = cleaner.Clean(text);
            chars += result.Text.Length; // keep the result observable
            bytes += System.Text.Encoding.UTF8.GetByteCount(text);
            docs++;
            if (sampleBytes > 0 && bytes >= nextSample)
            {
                process.Refresh();
                rss.Add((bytes / 1e6, process.WorkingSet64));
                nextSample += sampleBytes;
            }
        }
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return new SpeedPass(name, docs, bytes, wall.Elapsed.TotalSeconds, cpu, process.PeakWorkingSet64, GC.GetTotalMemory(false), rss);
    }

    /// <summary>
    /// Where a cleaner's time goes: <paramref name="passes"/> more passes over the texts with each cleanup pass timed
    /// (wall clock, caches emptied before each), as shares of the whole; "rounds and edit maps" is the rest (folding
    /// each round's changes into the input's, applying them).
    /// </summary>
    public static string PassShares(OcrCleaner cleaner, Func<IEnumerable<string>> texts, int passes = 3)
    {
        var times = new PassTimes();
        var timed = new OcrCleaner(cleaner.Options with { Times = times }, cleaner.Lexicon);
        var wall = new Stopwatch();
        for (int k = 0; k < passes; k++)
        {
            Speller.ClearCandidateCache();
            wall.Start();
            foreach (var text in texts()) timed.Clean(text);
            wall.Stop();
        }
        double total = wall.Elapsed.TotalSeconds;
        var parts = times.Seconds().ToList();
        parts.Add(("rounds and edit maps", Math.Max(0, total - parts.Sum(p => p.Seconds))));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  where the time goes ({passes} timed passes): {string.Join(", ", parts.Select(p => $"{p.Item1} {100 * p.Item2 / total:0} %"))}");
    }

    /// <summary>CPU and wall seconds of loading the cleaner's shared data (lexicons, gazetteer, confusion table): startup, not per MB.</summary>
    public static (double CpuSeconds, double WallSeconds, long WorkingSet) MeasureStartup()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        _ = CleanupData.Shared;
        _ = ConfusionModel.Shared;
        _ = Lexicon.Shared;
        wall.Stop();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu0).TotalSeconds, wall.Elapsed.TotalSeconds, process.WorkingSet64);
    }

    /// <summary>The texts of the files, read one at a time, repeated until at least <paramref name="minBytes"/> bytes have passed.</summary>
    public static IEnumerable<string> Repeat(IReadOnlyList<string> files, long minBytes)
    {
        if (files.Count == 0) yield break;
        long total = 0;
        while (total < minBytes)
            foreach (var f in files)
            {
                var text = File.ReadAllText(f);
                total += System.Text.Encoding.UTF8.GetByteCount(text);
                yield return text;
                if (total >= minBytes) yield break;
            }
    }
}
