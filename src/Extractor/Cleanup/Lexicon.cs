using System.Reflection;
using System.Text;

namespace Extractor.Cleanup;

/// <summary>Where a word was found; a word may come from several sources.</summary>
[Flags]
public enum LexiconSource : ushort
{
    None = 0,
    English = 1,        // hunspell en_US (stems expanded with the .aff affix rules)
    Medical = 2,        // hunspell en_med_glut
    Huge = 4,           // /usr/share/dict/american-english-huge (many rare and proper words)
    Domain = 8,         // our curated gazetteer (drugs, units, institutions, eponyms, journals)
    Common = 16,        // our short list of very frequent English words
    LowerForm = 32,     // a core source (not the large list) lists the word in lower case: a common noun, not only a name
    HugeLower = 64,     // the large list has it in lower case
}

/// <summary>
/// The word lists cleanup judges words by: general English, medical terms, a large word list and our curated domain
/// gazetteer. Keys are lower-cased; each holds the sources it came from. Built once per process (<see cref="Shared"/>)
/// and read-only afterwards, so every cleaner on every thread shares it.
/// </summary>
public sealed class Lexicon
{
    public const string HunspellDic = "/usr/share/hunspell/en_US.dic";
    public const string HunspellAff = "/usr/share/hunspell/en_US.aff";
    public const string MedicalDic = "/usr/share/hunspell/en_med_glut.dic";
    public const string HugeList = "/usr/share/dict/american-english-huge";

    private static readonly Lazy<Lexicon> s_shared = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide lexicon (Debian lexicons + embedded domain data), loaded on first use.</summary>
    public static Lexicon Shared => s_shared.Value;

    private readonly Dictionary<string, LexiconSource> _words;
    private readonly Dictionary<string, LexiconSource>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Exact spellings of proper names from the domain gazetteer (case-sensitive), e.g. institutions, eponyms.</summary>
    public IReadOnlySet<string> Names { get; }

    public int Count => _words.Count;

    // Most lookups are of strings that are not words (the speller's edit neighbourhoods: thousands per unknown
    // word), so a 2 MB Bloom filter answers "no" before the large dictionary is touched.
    private readonly WordFilter _filter;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;

    /// <summary>Prefixes and suffixes of the (lower-case) words: the speller's candidate search edits only where a word can still come out.</summary>
    public AffixFilter Affixes { get; }

    /// <summary>Prefixes and suffixes of <see cref="Names"/> (case-sensitive), for the name candidates.</summary>
    public AffixFilter NameAffixes { get; }

    public Lexicon(Dictionary<string, LexiconSource> words, IReadOnlySet<string> names)
    {
        _words = words;
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Names = names;
        _names = new HashSet<string>(names, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Affixes = new AffixFilter(words.Keys, words.Count < 50_000 ? 10 : 14);
        _filter = Affixes.Whole;
        NameAffixes = new AffixFilter(names, 10);
    }

    /// <summary>Sources of a word, looked up lower-cased (the caller lower-cases; spans avoid allocation).</summary>
    public LexiconSource SourcesOfLower(ReadOnlySpan<char> lower) =>
        _filter.MayContain(lower) && _lookup.TryGetValue(lower, out var s) ? s : LexiconSource.None;

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Names"/> (case-sensitive), without allocating.</summary>
    public bool IsName(ReadOnlySpan<char> name) => _names.Contains(name);

    /// <summary>
    /// Sources of a lower-cased string that is usually a word (a word of the text, a candidate already accepted):
    /// straight to the dictionary, since the filter in front of it would say "maybe" and cost a memory access.
    /// </summary>
    public LexiconSource SourcesOfLikelyWord(ReadOnlySpan<char> lower) =>
        _lookup.TryGetValue(lower, out var s) ? s : LexiconSource.None;

    /// <summary>Sources of a word as written (any case); words of a text are mostly known, so no filter in front.</summary>
    public LexiconSource SourcesOf(ReadOnlySpan<char> word)
    {
        Span<char> buf = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(buf);
        // The words of texts repeat from text to text: the ones met so far are answered from a table small enough to
        // stay in the processor's cache (the lexicon's table is hundreds of megabytes away); same answer either way.
        var seen = SeenWords();
        if (seen.Lookup.TryGetValue(buf, out var known)) return known;
        var src = SourcesOfLikelyWord(buf);
        if (seen.Words.Count < SeenLimit) seen.Lookup[buf] = src;
        return src;
    }

    /// <summary>
    /// <see cref="SourcesOfLower"/> for a lower-cased word of a text (a word or a piece of one, asked again and again
    /// across texts): through the table of words met so far.
    /// </summary>
    public LexiconSource SourcesOfTextWord(ReadOnlySpan<char> lower)
    {
        var seen = SeenWords();
        if (seen.Lookup.TryGetValue(lower, out var known)) return known;
        var src = SourcesOfLower(lower);
        if (seen.Words.Count < SeenLimit) seen.Lookup[lower] = src;
        return src;
    }

    /// <summary>Most words <see cref="SourcesOf"/> remembers per thread (a corpus's everyday vocabulary; the rest go to the lexicon).</summary>
    public const int SeenLimit = 50_000;

    // The words met so far, one table per thread: a plain dictionary, no locks (each worker cleans its own documents,
    // and a word's sources are the same on every thread). Stale once its lexicon forgot its words or another lexicon
    // asks on the thread.
    private sealed class SeenTable
    {
        public readonly Lexicon Owner;
        public readonly int Generation;
        public readonly Dictionary<string, LexiconSource> Words = new(StringComparer.Ordinal);
        public readonly Dictionary<string, LexiconSource>.AlternateLookup<ReadOnlySpan<char>> Lookup;

        public SeenTable(Lexicon owner, int generation)
        {
            (Owner, Generation) = (owner, generation);
            Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    [ThreadStatic] private static SeenTable? t_seen;
    private int _seenGeneration;

    private SeenTable SeenWords()
    {
        var seen = t_seen;
        int generation = Volatile.Read(ref _seenGeneration);
        if (seen is null || seen.Owner != this || seen.Generation != generation) t_seen = seen = new SeenTable(this, generation);
        return seen;
    }

    /// <summary>Forgets the words met so far, on every thread (benchmarks measure a process that has read nothing yet).</summary>
    public void ForgetSeenWords() => Interlocked.Increment(ref _seenGeneration);

    /// <summary>Counts <see cref="ForgetSeenWords"/>: tables of answers about words kept elsewhere go stale with it.</summary>
    internal int SeenGeneration => Volatile.Read(ref _seenGeneration);

    public bool Contains(ReadOnlySpan<char> word) => SourcesOf(word) != LexiconSource.None;

    /// <summary>
    /// Whether the word is known as written: a lower-case word must be listed in lower case somewhere ("lett" is not
    /// a word although "Lett" is); a capitalised or upper-case word may match any entry.
    /// </summary>
    public bool KnownAsWritten(ReadOnlySpan<char> word)
    {
        var src = SourcesOf(word);
        if (src == LexiconSource.None) return false;
        bool lower = true;
        foreach (char c in word) if (char.IsUpper(c)) { lower = false; break; }
        return !lower || (src & (LexiconSource.LowerForm | LexiconSource.HugeLower)) != 0;
    }

    /// <summary>Known as a word in a general or medical lexicon or the gazetteer (not only the large, name-rich list).</summary>
    public bool IsCoreWord(ReadOnlySpan<char> word) =>
        (SourcesOf(word) & (LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain | LexiconSource.Common)) != 0;

    private static Lexicon LoadDefault()
    {
        string[] required = [HunspellDic, HunspellAff, MedicalDic, HugeList];
        var missing = required.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException(
                $"cleanup needs the Debian lexicons {string.Join(", ", missing)}; install them with: " +
                "sudo apt-get install -y hunspell-en-us hunspell-en-med wamerican-huge (or run scripts/setup)");
        var words = new Dictionary<string, LexiconSource>(600_000, StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string w, LexiconSource src)
        {
            if (w.Length == 0) return;
            string lower = w.ToLowerInvariant();
            if (lower == w) src |= src == LexiconSource.Huge ? LexiconSource.HugeLower : LexiconSource.LowerForm;
            words[lower] = words.TryGetValue(lower, out var old) ? old | src : src;
        }
        foreach (var w in Hunspell.Expand(HunspellDic, HunspellAff)) Add(w, LexiconSource.English);
        foreach (var line in File.ReadLines(MedicalDic))
        {
            int slash = line.IndexOf('/');
            var w = (slash >= 0 ? line[..slash] : line).Trim();
            if (w.Length > 0 && !char.IsDigit(w[0]) && !w.Contains(' ')) Add(w, LexiconSource.Medical);
        }
        foreach (var line in File.ReadLines(HugeList)) Add(line.Trim(), LexiconSource.Huge);
        foreach (var (term, _) in CleanupData.Shared.DomainTerms)
        {
            foreach (var part in term.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(part, LexiconSource.Domain);
                if (char.IsUpper(part[0])) names.Add(part);
            }
        }
        foreach (var w in CleanupData.Shared.CommonWords) Add(w, LexiconSource.Common | LexiconSource.English);
        foreach (var line in File.ReadLines(HunspellDic).Skip(1))
        {
            // A name part that is also an ordinary lower-case word ("Drug" in a long institution name) is no name evidence.
            int slash = line.IndexOf('/');
            var w = slash >= 0 ? line[..slash] : line;
            if (w.Length > 0 && char.IsLower(w[0]) && names.Contains(char.ToUpperInvariant(w[0]) + w[1..])) names.Remove(char.ToUpperInvariant(w[0]) + w[1..]);
        }
        return new Lexicon(words, names);
    }
}

/// <summary>
/// A blocked Bloom filter over strings (no false negatives, about 0.3 % false positives at 600k words in 2 MB):
/// one cache line per test instead of the dictionary's buckets, entries and string.
/// </summary>
internal sealed class WordFilter
{
    private readonly int _blockBits;                        // 2^blockBits blocks of 512 bits (14: 2 MB)
    private readonly ulong[] _bits;

    public WordFilter(IEnumerable<string> words, int blockBits = 14) : this(blockBits)
    {
        foreach (var w in words) Add(Hash(w));
    }

    public WordFilter(int blockBits)
    {
        _blockBits = blockBits;
        _bits = new ulong[(1 << blockBits) * 8];
    }

    public bool MayContain(ReadOnlySpan<char> w) => MayContain(Hash(w));

    /// <summary>Adds a string by its <see cref="Finish"/>ed hash.</summary>
    public void Add(ulong h)
    {
        int block = (int)(h & ((1UL << _blockBits) - 1)) * 8;
        for (int k = 0; k < 3; k++)
        {
            int bit = (int)(h >> (_blockBits + 9 * k)) & 511;
            _bits[block + (bit >> 6)] |= 1UL << bit;
        }
    }

    /// <summary>Asks the memory for the block of this hash ahead of <see cref="MayContain(ulong)"/> (many tests then wait once, not each in turn).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong h)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref _bits[(int)(h & ((1UL << _blockBits) - 1)) * 8]));
    }

    public bool MayContain(ulong h)
    {
        // The block index is masked to the table's size and the word index to the block's 8: always in range, so the
        // array is read without bounds checks (this runs thousands of times per unknown word).
        ref ulong block = ref System.Runtime.CompilerServices.Unsafe.Add(
            ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_bits), (nint)(h & ((1UL << _blockBits) - 1)) * 8);
        int shift = _blockBits;
        for (int k = 0; k < 3; k++, shift += 9)
        {
            int bit = (int)(h >> shift) & 511;
            if ((System.Runtime.CompilerServices.Unsafe.Add(ref block, bit >> 6) & (1UL << bit)) == 0) return false;
        }
        return true;
    }

    // A polynomial over the UTF-16 code units (Horner: state * Multiplier + c, modulo 2^64), then a finalizer so the
    // low and high bits both mix. Step and Finish let a caller hash every prefix of a string (or every suffix, read
    // backwards) in one walk; being a polynomial, the state of a string with one part replaced follows from the states
    // of its prefix and suffix in a few multiplications (the candidate search hashes its edited strings so).
    public const ulong Seed = 14695981039346656037UL;
    public const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong h, char c) => h * Multiplier + c;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong h)
    {
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33;
        return h;
    }

    private static ulong[] s_powers = Powers(256);

    private static ulong[] Powers(int count)
    {
        var p = new ulong[count];
        p[0] = 1;
        for (int k = 1; k < count; k++) p[k] = p[k - 1] * Multiplier;
        return p;
    }

    /// <summary>Multiplier^0 .. Multiplier^(count - 1), at least (shared, grown on demand).</summary>
    public static ulong[] PowersOf(int count)
    {
        var p = s_powers;
        if (p.Length >= count) return p;
        return s_powers = Powers(Math.Max(count, 2 * p.Length));
    }

    public static ulong Hash(ReadOnlySpan<char> w)
    {
        ulong h = Seed;
        foreach (char c in w) h = Step(h, c);
        return Finish(h);
    }
}

/// <summary>
/// Which strings can start a word (every prefix of every word) and which can end one (every suffix), as two Bloom
/// filters: no false negatives, so a string whose prefix fails cannot be a word, whatever follows. The candidate
/// search uses it to edit only between the longest prefix that can start a word and the longest suffix that can end
/// one (a misspelling with one error has a short window), which leaves its result exactly as a full search.
/// </summary>
public sealed class AffixFilter
{
    private readonly WordFilter _starts, _ends;

    /// <summary>The words themselves (the lexicon's filter in front of its dictionary).</summary>
    internal WordFilter Whole { get; }

    public AffixFilter(IEnumerable<string> words, int blockBits = 14)
    {
        _starts = new WordFilter(blockBits);
        _ends = new WordFilter(blockBits);
        Whole = new WordFilter(blockBits);
        foreach (var w in words)
        {
            ulong h = WordFilter.Seed;
            for (int i = 0; i < w.Length; i++) _starts.Add(WordFilter.Finish(h = WordFilter.Step(h, w[i])));
            Whole.Add(WordFilter.Finish(h));
            h = WordFilter.Seed;
            for (int i = w.Length - 1; i >= 0; i--) _ends.Add(WordFilter.Finish(h = WordFilter.Step(h, w[i])));
        }
    }

    /// <summary>Hash state of a prefix (FNV over its characters in order); extend with <see cref="Extend"/>.</summary>
    public const ulong Empty = WordFilter.Seed;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Extend(ulong state, char c) => WordFilter.Step(state, c);


    /// <summary>The largest k such that every prefix of <paramref name="s"/> up to length k may start a word.</summary>
    public int LongestStart(ReadOnlySpan<char> s) => LongestStart(s, 0, Empty);

    /// <summary>
    /// The largest k >= <paramref name="from"/> such that every prefix of <paramref name="s"/> from length from + 1 up to
    /// k may start a word; <paramref name="state"/> is the hash state of s[..from]. All blocks are fetched first, then tested.
    /// </summary>
    public int LongestStart(ReadOnlySpan<char> s, int from, ulong state)
    {
        int n = s.Length - from;
        Span<ulong> hs = n <= 64 ? stackalloc ulong[n] : new ulong[n];
        for (int k = 0; k < n; k++) { hs[k] = WordFilter.Finish(state = WordFilter.Step(state, s[from + k])); _starts.Prefetch(hs[k]); }
        for (int k = 0; k < n; k++)
            if (!_starts.MayContain(hs[k])) return from + k;
        return s.Length;
    }

    /// <summary>Whether the string with this hash state (<see cref="Extend"/>) may start a word.</summary>
    public bool MayStart(ulong state) => _starts.MayContain(WordFilter.Finish(state));

    /// <summary>
    /// <see cref="LongestStart(ReadOnlySpan{char}, int, ulong)"/> tested one prefix after the other, stopping at the first
    /// that cannot start a word: cheaper where that is usually the first (edited strings).
    /// </summary>
    public int LongestStartSoon(ReadOnlySpan<char> s, int from, ulong state)
    {
        for (int k = from; k < s.Length; k++)
            if (!_starts.MayContain(WordFilter.Finish(state = WordFilter.Step(state, s[k])))) return k;
        return s.Length;
    }

    /// <summary>
    /// <see cref="ShortestEnd(ReadOnlySpan{char}, int, ulong)"/> tested one suffix after the other, stopping at the first
    /// that cannot end a word: cheaper where that is usually the first (edited strings).
    /// </summary>
    public int ShortestEndSoon(ReadOnlySpan<char> s, int to, ulong state)
    {
        for (int j = to - 1; j >= 0; j--)
            if (!_ends.MayContain(WordFilter.Finish(state = WordFilter.Step(state, s[j])))) return j + 1;
        return 0;
    }

    /// <summary>The smallest j such that every suffix of <paramref name="s"/> from j on may end a word.</summary>
    public int ShortestEnd(ReadOnlySpan<char> s) => ShortestEnd(s, s.Length, Empty);

    /// <summary>
    /// The smallest j <= <paramref name="to"/> such that every suffix of <paramref name="s"/> starting from j up to
    /// to - 1 may end a word; <paramref name="state"/> is the hash state of s[to..] (read backwards).
    /// </summary>
    public int ShortestEnd(ReadOnlySpan<char> s, int to, ulong state)
    {
        Span<ulong> hs = to <= 64 ? stackalloc ulong[to] : new ulong[to];
        for (int j = to - 1; j >= 0; j--) { hs[j] = WordFilter.Finish(state = WordFilter.Step(state, s[j])); _ends.Prefetch(hs[j]); }
        for (int j = to - 1; j >= 0; j--)
            if (!_ends.MayContain(hs[j])) return j + 1;
        return 0;
    }
}

/// <summary>
/// Reads a hunspell .dic/.aff pair and yields every stem with its prefix/suffix forms (PFX/SFX rules with their
/// strip, add and condition; cross products where both allow it). Enough of the format for en_US.
/// </summary>
internal static class Hunspell
{
    private sealed record Affix(bool Prefix, bool Cross, string Strip, string Add, System.Text.RegularExpressions.Regex? Condition);

    public static IEnumerable<string> Expand(string dicPath, string affPath)
    {
        var rules = new Dictionary<char, List<Affix>>();
        foreach (var raw in File.ReadLines(affPath, Encoding.UTF8))
        {
            var f = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5 || (f[0] != "PFX" && f[0] != "SFX")) continue;
            bool prefix = f[0] == "PFX";
            char flag = f[1][0];
            string strip = f[2] == "0" ? "" : f[2];
            string add = f[3] == "0" ? "" : f[3].Split('/')[0];
            string cond = f[4];
            var re = cond == "." ? null : new System.Text.RegularExpressions.Regex(prefix ? "^" + cond : cond + "$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            if (!rules.TryGetValue(flag, out var list)) rules[flag] = list = [];
            list.Add(new Affix(prefix, true, strip, add, re));
        }
        bool first = true;
        foreach (var line in File.ReadLines(dicPath, Encoding.UTF8))
        {
            if (first) { first = false; if (int.TryParse(line.Trim(), out _)) continue; }
            int slash = line.IndexOf('/');
            string stem = (slash >= 0 ? line[..slash] : line).Trim();
            if (stem.Length == 0) continue;
            yield return stem;
            if (slash < 0) continue;
            string flags = line[(slash + 1)..].Trim();
            var suffixed = new List<string>();
            foreach (char fl in flags)
            {
                if (!rules.TryGetValue(fl, out var list)) continue;
                foreach (var a in list)
                {
                    var form = Apply(stem, a);
                    if (form is null) continue;
                    yield return form;
                    if (!a.Prefix) suffixed.Add(form);
                }
            }
            // Cross products: prefixes applied to suffixed forms (un-...-ed).
            foreach (char fl in flags)
            {
                if (!rules.TryGetValue(fl, out var list)) continue;
                foreach (var a in list)
                    if (a.Prefix)
                        foreach (var s in suffixed)
                            if (Apply(s, a) is { } both) yield return both;
            }
        }
    }

    private static string? Apply(string stem, Affix a)
    {
        if (a.Condition is not null && !a.Condition.IsMatch(stem)) return null;
        if (a.Prefix)
        {
            if (a.Strip.Length > 0 && !stem.StartsWith(a.Strip, StringComparison.Ordinal)) return null;
            return a.Add + stem[a.Strip.Length..];
        }
        if (a.Strip.Length > 0 && !stem.EndsWith(a.Strip, StringComparison.Ordinal)) return null;
        return stem[..^a.Strip.Length] + a.Add;
    }
}
