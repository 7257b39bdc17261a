namespace Extractor.Cleanup;

/// <summary>
/// A set of strings kept as one bit per hash (a power of two bits, 64 at least): a clear bit says a string is surely not
/// in the set, a set one that it may be. A filter before dictionary look-ups that mostly miss (edited spellings are
/// seldom words).
/// </summary>
internal static class HashBits
{
    /// <summary>2^18 bits (32 KB): a few per cent of them set by the words of a batch.</summary>
    public static ulong[] Create(int log2Bits = 18) => new ulong[(1 << log2Bits) / 64];

    public static void Add(ulong[] bits, ReadOnlySpan<char> s)
    {
        uint h = Hash(s, bits.Length);
        bits[h >> 6] |= 1UL << (int)(h & 63);
    }

    public static bool MayContain(ulong[] bits, ReadOnlySpan<char> s)
    {
        uint h = Hash(s, bits.Length);
        return (bits[h >> 6] & (1UL << (int)(h & 63))) != 0;
    }

    /// <summary>The hash state before the first character; <see cref="Step"/> adds one (so a caller can hash strings that share a prefix once).</summary>
    public const uint Seed = 2166136261;

    public static uint Step(uint state, char c) => (state ^ c) * 16777619;

    /// <summary><see cref="MayContain(ulong[], ReadOnlySpan{char})"/> for the string whose characters took <see cref="Seed"/> to <paramref name="state"/>.</summary>
    public static bool MayContainState(ulong[] bits, uint state)
    {
        uint h = Finish(state, bits.Length);
        return (bits[h >> 6] & (1UL << (int)(h & 63))) != 0;
    }

    // FNV-1a, mixed and cut to the table's size (words ulongs = 2^k).
    private static uint Hash(ReadOnlySpan<char> s, int words)
    {
        uint h = Seed;
        foreach (char c in s) h = Step(h, c);
        return Finish(h, words);
    }

    private static uint Finish(uint h, int words) => (h * 0x9E3779B1u) >> (32 - 6 - System.Numerics.BitOperations.Log2((uint)words));
}
