using System.Diagnostics;
using Extractor.Cleanup;

namespace Extractor.Evaluation;

/// <summary>Throughput of one timed pass of a cleaner over a stream of texts.</summary>
public sealed record SpeedPass(string Name, int Documents, long Bytes, double WallSeconds, double CpuSeconds, long PeakWorkingSet, long ManagedHeap)
{
    public double MegaBytes => Bytes / 1e6;
    public double MegaBytesPerSecond => WallSeconds <= 0 ? 0 : MegaBytes / WallSeconds;
    public double MegaBytesPerCpuSecond => CpuSeconds <= 0 ? 0 : MegaBytes / CpuSeconds;

    public string Summary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Name}: {Documents} docs, {MegaBytes:0.00} MB in {WallSeconds:0.00} s = {MegaBytesPerSecond:0.00} MB/s on one thread " +
        $"({MegaBytesPerCpuSecond:0.00} MB per CPU second), peak working set {PeakWorkingSet / 1048576.0:0} MB, managed heap {ManagedHeap / 1048576.0:0} MB");
}

/// <summary>
/// Times a cleaner alone on the calling thread, document by document: texts are read one at a time from a lazy
/// source, so memory stays that of one document plus the cleaner's shared data, however much text passes.
/// </summary>
public static class CleanupSpeed
{
    public static SpeedPass Measure(string name, ICleaner cleaner, IEnumerable<string> texts)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int docs = 0;
        long bytes = 0, chars = 0;
        foreach (var text in texts)
        {
            var result = cleaner.Clean(text);
            chars += result.Text.Length; // keep the result observable
            bytes += System.Text.Encoding.UTF8.GetByteCount(text);
            docs++;
        }
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return new SpeedPass(name, docs, bytes, wall.Elapsed.TotalSeconds, cpu, process.PeakWorkingSet64, GC.GetTotalMemory(false));
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
