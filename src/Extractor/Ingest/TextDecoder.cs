using System.Text;

namespace Extractor.Ingest;

/// <summary>
/// Decodes the bytes of a text file: a BOM wins (UTF-8, UTF-16 LE/BE, UTF-32); otherwise valid UTF-8, then
/// BOM-less UTF-16 (many NUL bytes at alternating positions), then Shift-JIS or EUC-JP when the bytes parse as
/// such and contain Japanese double-byte sequences, and Latin-1 (Windows-1252) as the last resort, which never fails.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return (Strict(new UTF8Encoding(false, true), bytes[3..]) ?? Encoding.UTF8.GetString(bytes[3..]), "utf-8-bom");
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE, 0, 0 })) return (new UTF32Encoding(false, false).GetString(bytes[4..]), "utf-32le");
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE })) return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF })) return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");

        if (Strict(new UTF8Encoding(false, true), bytes) is { } utf8) return (utf8, "utf-8");

        if (LooksUtf16(bytes, out bool littleEndian))
            return littleEndian ? (Encoding.Unicode.GetString(bytes), "utf-16le") : (Encoding.BigEndianUnicode.GetString(bytes), "utf-16be");

        if (HasJapaneseDoubleBytes(bytes))
        {
            if (Strict(Encoding.GetEncoding("shift_jis", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes) is { } sjis) return (sjis, "shift_jis");
            if (Strict(Encoding.GetEncoding("euc-jp", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes) is { } euc) return (euc, "euc-jp");
        }
        return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    private static bool LooksUtf16(ReadOnlySpan<byte> bytes, out bool littleEndian)
    {
        littleEndian = true;
        if (bytes.Length < 4 || bytes.Length % 2 != 0) return false;
        int evenZeros = 0, oddZeros = 0, n = Math.Min(bytes.Length, 4096);
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
}
