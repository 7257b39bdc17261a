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
