using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>The lexicon's per-thread table of words met so far: a cache, so answers never depend on it.</summary>
public sealed class SeenWordsTests
{
    private static Lexicon Of(params string[] words) =>
        new(words.ToDictionary(w => w, _ => LexiconSource.English | LexiconSource.LowerForm, StringComparer.Ordinal), new HashSet<string>());

    [Fact]
    public void Two_lexicons_on_one_thread_keep_their_own_answers()
    {
        var withWord = Of("zymurgy", "quokka");
        var without = Of("quokka");
        Assert.NotEqual(LexiconSource.None, withWord.SourcesOfTextWord("zymurgy"));
        Assert.Equal(LexiconSource.None, without.SourcesOfTextWord("zymurgy"));     // not the first lexicon's remembered answer
        Assert.NotEqual(LexiconSource.None, withWord.SourcesOf("Zymurgy"));
        Assert.False(without.Contains("Zymurgy"));
    }

    [Fact]
    public void Forgetting_and_other_threads_give_the_same_answers()
    {
        var lex = Of("wombat", "numbat", "bilby");
        string[] asked = ["wombat", "numbat", "bilby", "dingo", "wombats"];
        var first = asked.Select(w => lex.SourcesOfTextWord(w)).ToArray();
        lex.ForgetSeenWords();
        Assert.Equal(first, asked.Select(w => lex.SourcesOfTextWord(w)));
        var onOtherThreads = new LexiconSource[4][];
        Parallel.For(0, 4, k => onOtherThreads[k] = asked.Select(w => lex.SourcesOf(w.ToUpperInvariant())).ToArray());
        Assert.All(onOtherThreads, answers => Assert.Equal(first, answers));
        Assert.Equal([true, true, true, false, false], first.Select(s => s != LexiconSource.None));
    }
}

/// <summary>The speller's per-thread table of plain words (left alone wherever they stand): kept per lexicon and table.</summary>
public sealed class PlainWordsTableTests
{
    private static Lexicon Of(params string[] words) =>
        new(words.ToDictionary(w => w, _ => LexiconSource.English | LexiconSource.LowerForm | LexiconSource.Common, StringComparer.Ordinal), new HashSet<string>());

    [Fact]
    public void A_word_plain_for_one_lexicon_is_judged_again_by_another_on_the_same_thread()
    {
        const string text = "the animals ran and the quokkas ran away from the road";
        var knows = new OcrCleaner(CleanupOptions.Default with { CacheCandidates = false }, Of("the", "animals", "ran", "and", "quokkas", "away", "from", "road"));
        var misses = new OcrCleaner(CleanupOptions.Default with { CacheCandidates = false }, Of("the", "animals", "ran", "and", "quakkas", "away", "from", "road"));
        Assert.DoesNotContain(knows.Clean(text).Corrections, c => c.Original == "quokkas");
        var other = misses.Clean(text).Corrections;
        Assert.Contains(other, c => c.Original == "quokkas" && c.Corrected == "quakkas");
        Assert.DoesNotContain(knows.Clean(text).Corrections, c => c.Original == "quokkas");   // and back
    }
}
