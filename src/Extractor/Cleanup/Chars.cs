namespace Extractor.Cleanup;

/// <summary>
/// Character tests over a string or span, as loops: LINQ over a string (s.All(char.IsLetter)) allocates an enumerator
/// per call, and the passes ask these per token.
/// </summary>
internal static class Chars
{
    /// <summary>Whether every character from <paramref name="from"/> on passes (true when there is none).</summary>
    public static bool All(ReadOnlySpan<char> s, Func<char, bool> test, int from = 0)
    {
        for (int i = from; i < s.Length; i++) if (!test(s[i])) return false;
        return true;
    }

    /// <summary>Whether any character from <paramref name="from"/> on passes.</summary>
    public static bool Any(ReadOnlySpan<char> s, Func<char, bool> test, int from = 0)
    {
        for (int i = from; i < s.Length; i++) if (test(s[i])) return true;
        return false;
    }

    public static int Count(ReadOnlySpan<char> s, Func<char, bool> test)
    {
        int n = 0;
        foreach (char c in s) if (test(c)) n++;
        return n;
    }
}
