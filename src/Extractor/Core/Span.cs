namespace Extractor.Core;

/// <summary>A half-open character range <c>[Start, End)</c>.</summary>
public readonly record struct Span(int Start, int End)
{
    public int Length => End - Start;
    public bool Overlaps(Span other) => Start < other.End && other.Start < End;
    public bool Contains(int offset) => offset >= Start && offset < End;
    public string Of(string text) => text.Substring(Start, Length);
    public override string ToString() => $"[{Start},{End})";
}
