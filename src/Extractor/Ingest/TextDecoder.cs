using System.Text;

namespace Extractor.Ingest;

/// <summary>
/// Decodes the bytes of a text file: a BOM wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); otherwise valid UTF-8
/// (ISO-2022-JP when it has that encoding's escapes), then BOM-less UTF-16 (NUL bytes at alternating positions),
/// then Shift-JIS or EUC-JP when the bytes parse strictly as such and read as Japanese (runs of kana and kanji, not
/// lone symbols between Latin letters), then UTF-8 with a few damaged bytes (each shown as U+FFFD), and
/// Windows-1252 (Latin-1) as the last resort, which never fails. Never throws.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Strict(StrictUtf8, bytes[3..]) ?? Encoding.UTF8.GetString(bytes[3..]), "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return (new UTF32Encoding(false, false).GetString(bytes[4..]), "utf-32le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return (new UTF32Encoding(true, false).GetString(bytes[4..]), "utf-32be");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");

        if (LooksUtf16(bytes, out bool littleEndian))
            return littleEndian ? (Encoding.Unicode.GetString(bytes), "utf-16le") : (Encoding.BigEndianUnicode.GetString(bytes), "utf-16be");

        if (Strict(StrictUtf8, bytes) is { } utf8)
        {
            if (IsIso2022Jp(bytes) && Strict(Encoding.GetEncoding("iso-2022-jp", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes) is { } jis)
                return (jis, "iso-2022-jp");
            return (utf8, "utf-8");
        }

        if (HasJapaneseDoubleBytes(bytes))
        {
            foreach (var name in (string[])["shift_jis", "euc-jp"])
                if (Strict(Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes) is { } ja && ReadsAsJapanese(ja))
                    return (ja, name);
        }

        if (MostlyUtf8(bytes)) return (Encoding.UTF8.GetString(bytes), "utf-8-damaged");
        return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        catch (ArgumentException) { return null; }
    }

    // NUL bytes at alternating positions: ASCII-range text in UTF-16. (Odd length: the last byte is dropped.)
    private static bool LooksUtf16(ReadOnlySpan<byte> bytes, out bool littleEndian)
    {
        littleEndian = true;
        if (bytes.Length < 4) return false;
        int evenZeros = 0, oddZeros = 0, n = Math.Min(bytes.Length & ~1, 8192);
        for (int i = 0; i + 1 < n; i += 2)
        {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        int pairs = n / 2;
        if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) { littleEndian = true; return true; }
        if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) { littleEndian = false; return true; }
        return false;
    }

    // ESC $ B / ESC $ @ (JIS X 0208 in) together with ESC ( B / ESC ( J (back to ASCII).
    private static bool IsIso2022Jp(ReadOnlySpan<byte> bytes) =>
        (bytes.IndexOf("\u001b$B"u8) >= 0 || bytes.IndexOf("\u001b$@"u8) >= 0) && (bytes.IndexOf("\u001b(B"u8) >= 0 || bytes.IndexOf("\u001b(J"u8) >= 0);

    // Lead bytes of Shift-JIS (0x81-0x9F, 0xE0-0xEF) or EUC-JP (0xA1-0xFE pairs) followed by a trail byte.
    private static bool HasJapaneseDoubleBytes(ReadOnlySpan<byte> bytes)
    {
        int pairs = 0, high = 0;
        for (int i = 0; i + 1 < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b < 0x80) continue;
            high++;
            byte t = bytes[i + 1];
            if (((b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xEF)) && t >= 0x40 && t <= 0xFC && t != 0x7F) { pairs++; i++; }
            else if (b >= 0xA1 && b <= 0xFE && t >= 0xA1 && t <= 0xFE) { pairs++; i++; }
        }
        return pairs > 0 && pairs * 2 >= high * 0.9;
    }

    /// <summary>
    /// Japanese text has runs of kana and kanji; Latin-1 prose misread as Shift-JIS gives lone kanji between Latin
    /// letters ("cr" + kanji + "me"), and private-use or half-width symbols. Most Japanese characters must sit next
    /// to another Japanese character, and almost none may be unusual.
    /// </summary>
    public static bool ReadsAsJapanese(string text)
    {
        int japanese = 0, inRun = 0, odd = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80) continue;
            if (IsJapanese(c))
            {
                japanese++;
                if ((i > 0 && IsJapanese(text[i - 1])) || (i + 1 < text.Length && IsJapanese(text[i + 1]))) inRun++;
            }
            else if (!(char.IsLetter(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsWhiteSpace(c) || char.IsDigit(c)) || (c >= 0xE000 && c <= 0xF8FF)) odd++;
        }
        return japanese > 0 && inRun >= japanese * 0.6 && odd <= japanese * 0.05;
    }

    private static bool IsJapanese(char c) =>
        (c >= 0x3040 && c <= 0x30FF)    // hiragana, katakana
        || (c >= 0x4E00 && c <= 0x9FFF) // CJK unified ideographs
        || (c >= 0x3000 && c <= 0x303F) // CJK punctuation
        || (c >= 0xFF01 && c <= 0xFF9F) // full-width forms, half-width katakana
        || (c >= 0x3400 && c <= 0x4DBF);

    /// <summary>Valid multi-byte UTF-8 sequences outnumber the damaged bytes by far: UTF-8 with a few broken bytes, not Latin-1.</summary>
    private static bool MostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        for (int i = 0; i < bytes.Length;)
        {
            byte b = bytes[i];
            if (b < 0x80) { i++; continue; }
            int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            bool ok = need > 0;
            for (int k = 1; ok && k <= need; k++) ok = i + k < bytes.Length && (bytes[i + k] & 0xC0) == 0x80;
            if (ok) { valid++; i += need + 1; } else { invalid++; i++; }
        }
        return valid >= 2 && invalid <= valid;
    }
}
