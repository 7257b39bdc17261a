using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

/// <summary>The stretch/tenth tables and flat/GROWING verdicts of `benchmark ocr`, on made-up samples.</summary>
public sealed class MemoryProfileTests
{
    private const long MB = 1 << 20;

    // One sample per unit done: resident = native + managed, each given as a function of the units done.
    private static List<MemorySample> Run(int total, Func<int, long> native, Func<int, long> managed) =>
        [.. Enumerable.Range(0, total + 1).Select(i => new MemorySample(i, (native(i) + managed(i)) * MB, managed(i) * MB))];

    [Fact]
    public void Stretches_of_200_units_are_0_25_50_100_150_200_and_keep_the_highest_sample()
    {
        var samples = Run(200, i => i == 60 ? 300 : 180, _ => 20);
        var p = MemoryProfile.Of(samples, 200);
        Assert.Equal([(0L, 25L), (25, 50), (50, 100), (100, 150), (150, 200)], p.Stretches.Select(s => (s.From, s.To)));
        Assert.Equal(320 * MB, p.Stretches[2].Resident); // the spike at unit 60, not a point sample
        Assert.Equal(200 * MB, p.Stretches[1].Resident);
        Assert.Equal(300 * MB, p.Stretches[2].Native);
        Assert.Equal(10, p.Tenths.Count);
        Assert.Equal(320 * MB, p.Tenths[3].Resident); // units 60-80
        Assert.Equal(200 * MB, p.Tenths[2].Resident);
        Assert.Equal(320 * MB, p.PeakResident);
        Assert.Equal(25, p.Stretches[1].Samples);
        Assert.Equal(51, p.Stretches[4].Samples); // units 150..200: the sample at the total counts in the last stretch
    }

    [Fact]
    public void Flat_memory_is_flat_and_growth_beyond_ten_percent_is_growing()
    {
        var flat = MemoryProfile.Of(Run(200, i => 180 + i % 7, _ => 30), 200);
        Assert.True(flat.IsFlat(MemoryProfile.Resident));
        Assert.EndsWith("(flat)", flat.Verdict(MemoryProfile.Resident));

        var leak = MemoryProfile.Of(Run(200, i => 180 + i / 2, _ => 30), 200); // +0.5 MB per unit
        Assert.False(leak.IsFlat(MemoryProfile.Resident));
        Assert.Equal(310.0 / 234, leak.Growth(MemoryProfile.Resident), 6); // (180 + 100 + 30) / (180 + 24 + 30)
        Assert.Equal("1.37x (GROWING)", leak.Verdict(MemoryProfile.Native)); // (180 + 100) / (180 + 24)
    }

    [Fact]
    public void A_growing_managed_heap_over_flat_native_memory_is_flat_on_native_and_growing_on_resident()
    {
        // One document holding its words: the managed heap grows with the pages, native memory does not.
        var p = MemoryProfile.Of(Run(200, _ => 180, i => 15 + i / 3), 200);
        Assert.True(p.IsFlat(MemoryProfile.Native));
        Assert.False(p.IsFlat(MemoryProfile.Managed));
        Assert.Equal(23 * MB, p.Stretches[0].Managed); // 15 + 24 / 3 at the highest unit below 25
        Assert.Equal(81 * MB, p.Stretches[^1].Managed);
    }

    [Fact]
    public void Small_runs_and_missing_samples()
    {
        var p = MemoryProfile.Of(Run(4, _ => 100, _ => 10), 4);
        Assert.Equal([(0L, 1L), (1, 2), (2, 3), (3, 4)], p.Stretches.Select(s => (s.From, s.To)));
        Assert.True(p.IsFlat(MemoryProfile.Resident));

        // No sample in the reference stretch: no verdict of flatness can be given.
        var none = MemoryProfile.Of([new MemorySample(0, 100 * MB, 0), new MemorySample(200, 100 * MB, 0)], 200);
        Assert.Equal(0, none.Reference.Samples);
        Assert.False(none.IsFlat(MemoryProfile.Resident));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryProfile.Of([], 0));
    }
}
