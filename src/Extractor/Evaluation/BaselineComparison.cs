using System.Globalization;
using System.Text;
using Extractor.Cleanup;

namespace Extractor.Evaluation;

/// <summary>
/// Wraps a cleaner to count the CPU seconds of its <see cref="ICleaner.Clean"/> calls in this process (the runtime's
/// own threads add a little, as in <see cref="CleanupSpeed"/>) and the UTF-8 bytes it was given.
/// </summary>
public sealed class CpuTimedCleaner(ICleaner inner) : ICleaner
{
    public ICleaner Inner => inner;
    public double CpuSeconds { get; private set; }
    public long Bytes { get; private set; }

    public CleanResult Clean(string text)
    {
        var cpu0 = Environment.CpuUsage.TotalTime;
        var result = inner.Clean(text);
        CpuSeconds += (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
        Bytes += Encoding.UTF8.GetByteCount(text);
        return result;
    }
}

/// <summary>Our cleanup and the naive baseline on the same texts of one set: accuracy figures and speed, with ratios ours/baseline.</summary>
public sealed record BaselineComparison(CleanupCounts Ours, CleanupCounts Baseline, long Bytes, double OursCpuSeconds, double BaselineCpuSeconds)
{
    public double OursMegaBytesPerCpuSecond => OursCpuSeconds <= 0 ? 0 : Bytes / 1e6 / OursCpuSeconds;
    public double BaselineMegaBytesPerCpuSecond => BaselineCpuSeconds <= 0 ? 0 : Bytes / 1e6 / BaselineCpuSeconds;
    /// <summary>How many times faster ours is per CPU second; NaN when either was not timed.</summary>
    public double SpeedRatio => OursCpuSeconds <= 0 || BaselineCpuSeconds <= 0 ? double.NaN : BaselineCpuSeconds / OursCpuSeconds;

    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        string Pct(double v, int d) => (v * 100).ToString("F" + d, inv) + " %";
        string Prec(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", inv);
        string Times(double a, double b) => b == 0 || double.IsNaN(a) || double.IsNaN(b) ? "n/a" : (a / b).ToString("0.0", inv) + "x";
        return $"ours vs baseline: CER reduction {Pct(Ours.CerReduction, 1)} vs {Pct(Baseline.CerReduction, 1)}; " +
               $"change precision {Prec(Ours.ChangePrecision)} vs {Prec(Baseline.ChangePrecision)} ({Times(Ours.ChangePrecision, Baseline.ChangePrecision)}); " +
               $"damage rate {Pct(Ours.DamageRate, 3)} vs {Pct(Baseline.DamageRate, 3)} ({(Ours.DamagedWords == 0 ? "none by ours" : Times(Baseline.DamageRate, Ours.DamageRate) + " less")}); " +
               string.Create(inv, $"speed {OursMegaBytesPerCpuSecond:0.000} vs {BaselineMegaBytesPerCpuSecond:0.0000} MB per CPU second ") +
               string.Create(inv, $"({OursCpuSeconds:0.00} vs {BaselineCpuSeconds:0.00} CPU s for {Bytes / 1e3:0} KB) = {(double.IsNaN(SpeedRatio) ? "n/a" : SpeedRatio.ToString("0", inv) + "x")}");
    }
}
