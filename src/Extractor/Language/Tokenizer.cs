using System.Globalization;

namespace Extractor.Language;

/// <summary>
/// Splits text into word, number, punctuation and symbol tokens (offset views). Letters and digits joined without
/// a break form one token only when they are of one class, so "pT3aN0M1" comes out as word/number pieces while the
/// original offsets keep every piece traceable; an inner apostrophe or a decimal point stays inside its token.
/// Line breaks are tokens of their own so that layout (table rows, headings) stays visible.
/// </summary>
public static class Tokenizer
{
    public static Token[] Tokenize(string text) => Tokenize(text, 0, text.Length);

    public static Token[] Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>(Math.Max(16, (end - start) / 5));
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (c == '\n' || c == '\f') { tokens.Add(new Token(i, i + 1, TokenKind.LineBreak)); i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int s = i;
            if (char.IsLetter(c))
            {
                while (i < end && (char.IsLetter(text[i]) || IsInnerJoin(text, i, end, letters: true))) i++;
                tokens.Add(new Token(s, i, TokenKind.Word));
            }
            else if (char.IsDigit(c))
            {
                while (i < end && (char.IsDigit(text[i]) || IsInnerJoin(text, i, end, letters: false))) i++;
                tokens.Add(new Token(s, i, TokenKind.Number));
            }
            else
            {
                i++;
                var cat = char.GetUnicodeCategory(c);
                bool symbol = cat is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;
                tokens.Add(new Token(s, i, symbol ? TokenKind.Symbol : TokenKind.Punctuation));
            }
        }
        return tokens.ToArray();
    }

    // An apostrophe inside a word, or a decimal point/comma between digits, does not end the token.
    private static bool IsInnerJoin(string text, int i, int end, bool letters)
    {
        if (i + 1 >= end || i == 0) return false;
        char c = text[i], prev = text[i - 1], next = text[i + 1];
        if (letters) return (c == '\'' || c == '’') && char.IsLetter(prev) && char.IsLetter(next);
        return (c == '.' || c == ',') && char.IsDigit(prev) && char.IsDigit(next) && (c == '.' || IsThousands(text, i, end));
    }

    private static bool IsThousands(string text, int i, int end)
    {
        // 1,000 but not "1,2" in a list: exactly three digits follow.
        int n = 0;
        for (int j = i + 1; j < end && char.IsDigit(text[j]); j++) n++;
        return n == 3;
    }
}
