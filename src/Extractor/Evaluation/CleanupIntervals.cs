namespace Extractor.Evaluation;

/// <summary>A figure and the interval a resampling of the documents gives it (NaN where undefined).</summary>
public readonly record struct Interval(double Value, double Low, double High);

/// <summary>
/// How far the cleanup figures of a set could move on another set of the same kind: the documents are resampled with
/// replacement (a percentile bootstrap over documents, seeded, so the same set gives the same interval), each
/// resample's counts summed and its figures computed as for the set. A development set of 100 documents gives CER
/// reduction an interval several points wide: the width says how much an unseen split may differ.
/// </summary>
public static class CleanupIntervals
{
    public sealed record Result(int Resamples, double Level, Interval CerReduction, Interval ChangePrecision, Interval DamageRate);

    public static Result Of(IReadOnlyList<CleanupCounts> documents, int resamples = 1000, double level = 0.95, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "a level between 0 and 1");
        var total = Sum(documents, null);
        if (documents.Count == 0)
            return new Result(resamples, level, new(double.NaN, double.NaN, double.NaN), new(double.NaN, double.NaN, double.NaN), new(double.NaN, double.NaN, double.NaN));
        var random = new Random(seed);
        var reduction = new double[resamples];
        var precision = new List<double>(resamples);   // a resample without changes has no precision
        var damage = new double[resamples];
        var picks = new int[documents.Count];
        for (int r = 0; r < resamples; r++)
        {
            for (int k = 0; k < picks.Length; k++) picks[k] = random.Next(documents.Count);
            var sum = Sum(documents, picks);
            reduction[r] = sum.CerReduction;
            if (!double.IsNaN(sum.ChangePrecision)) precision.Add(sum.ChangePrecision);
            damage[r] = sum.DamageRate;
        }
        return new Result(resamples, level,
            Around(total.CerReduction, reduction, level),
            Around(total.ChangePrecision, [.. precision], level),
            Around(total.DamageRate, damage, level));
    }

    private static CleanupCounts Sum(IReadOnlyList<CleanupCounts> documents, int[]? picks)
    {
        var sum = new CleanupCounts();
        if (picks is null) foreach (var d in documents) sum += d;
        else foreach (int k in picks) sum += documents[k];
        return sum;
    }

    // The percentile interval: the (1 - level) / 2 and (1 + level) / 2 quantiles of the resampled figures (nearest rank).
    private static Interval Around(double value, double[] samples, double level)
    {
        if (samples.Length == 0) return new(value, double.NaN, double.NaN);
        Array.Sort(samples);
        double tail = (1 - level) / 2;
        int lo = (int)Math.Floor(tail * (samples.Length - 1)), hi = (int)Math.Ceiling((1 - tail) * (samples.Length - 1));
        return new(value, samples[lo], samples[hi]);
    }

    /// <summary>One line: each figure with its interval.</summary>
    public static string Line(Result r)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string Pct(double v, int decimals) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("F" + decimals, inv);
        string P(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", inv);
        return $"  {r.Level * 100:0} % interval over documents (bootstrap, {r.Resamples} resamples): " +
               $"reduction {Pct(r.CerReduction.Low, 1)}-{Pct(r.CerReduction.High, 1)} %  " +
               $"change precision {P(r.ChangePrecision.Low)}-{P(r.ChangePrecision.High)}  " +
               $"damage rate {Pct(r.DamageRate.Low, 3)}-{Pct(r.DamageRate.High, 3)} %";
    }
}
