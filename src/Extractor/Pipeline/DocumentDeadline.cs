namespace Extractor.Pipeline;

/// <summary>
/// The time limit of the document being processed, for stages that loop over text: call
/// <see cref="ThrowIfExpired"/> now and then (per sentence, per page, per candidate) so a pathological input ends
/// with a clean "timeout" error instead of running on in the background. The batch runner sets it per document;
/// outside a batch it never expires.
/// </summary>
public static class DocumentDeadline
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    public static CancellationToken Token => Current.Value;

    public static bool Expired => Current.Value.IsCancellationRequested;

    public static void ThrowIfExpired() => Current.Value.ThrowIfCancellationRequested();

    /// <summary>Sets the token for the calling thread (and the tasks it starts) until the returned scope is disposed.</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(previous);
    }

    public readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
