namespace Extractor.Language;

public enum TokenKind : byte { Word, Number, Punctuation, Symbol, LineBreak }

/// <summary>A token as a view over the analysed text: offsets only, the characters stay in the text.</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, End - Start);
    public string TextOf(string text) => text.Substring(Start, End - Start);
}

/// <summary>A sentence as a range of token indexes and character offsets.</summary>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount)
{
    public string TextOf(string text) => text.Substring(Start, End - Start);
}
