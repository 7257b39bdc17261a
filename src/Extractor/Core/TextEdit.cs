namespace Extractor.Core;

/// <summary>Replace <c>[Start, End)</c> of a text with <see cref="Replacement"/>. Offsets refer to the text the edit is applied to.</summary>
public readonly record struct TextEdit(int Start, int End, string Replacement)
{
    public int Length => End - Start;
}
