using Extractor.Pipeline;

namespace Extractor.Tests.Batch;

/// <summary>When the batch runner's heap limiter collects: garbage above the live size beyond the slack.</summary>
public sealed class ManagedHeapLimiterTests
{
    private const long MB = 1 << 20;

    [Theory]
    [InlineData(80, 50, 32, false)]   // 30 MB of garbage over 50 MB live: within the 32 MB slack
    [InlineData(83, 50, 32, true)]    // 33 MB: beyond it
    [InlineData(290, 200, 32, false)] // a large live heap allows half its size: 90 MB < 100 MB
    [InlineData(301, 200, 32, true)]
    [InlineData(33, 0, 32, true)]     // nothing collected yet: the first check clears what start-up left
    public void Collects_when_garbage_exceeds_the_slack(long heapMb, long liveMb, long slackMb, bool collect) =>
        Assert.Equal(collect, ManagedHeapLimiter.ShouldCollect(heapMb * MB, liveMb * MB, slackMb * MB));

    [Fact]
    public void A_disabled_limiter_never_collects_and_an_enabled_one_counts_its_collections()
    {
        var off = new ManagedHeapLimiter(minSlackBytes: 1) { Enabled = false };
        Assert.False(off.AfterDocument());
        Assert.Equal(0, off.Collections);

        var on = new ManagedHeapLimiter(minSlackBytes: 1); // any heap is beyond a one-byte slack over nothing
        Assert.True(on.AfterDocument());
        Assert.Equal(1, on.Collections);
    }
}
