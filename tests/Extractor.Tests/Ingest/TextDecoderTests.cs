using System.Text;
using Extractor.Ingest;

namespace Extractor.Tests.Ingest;

public class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> Encodings => new()
    {
        { "utf-8", "utf-8" },
        { "utf-8-bom", "utf-8-bom" },
        { "utf-16le", "utf-16le" },
        { "utf-16le-nobom", "utf-16le" },
        { "shift_jis", "shift_jis" },
        { "euc-jp", "euc-jp" },
        { "latin1", "windows-1252" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Detects_the_encoding_and_decodes_the_text(string form, string expected)
    {
        string text = form is "shift_jis" or "euc-jp" ? "泌尿器科紀要 53: 323-326, 2009 腎細胞癌の症例" : "Café crème, 5 µg/kg – naïve";
        byte[] bytes = form switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [.. new byte[] { 0xEF, 0xBB, 0xBF }, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le" => [.. new byte[] { 0xFF, 0xFE }, .. Encoding.Unicode.GetBytes(text)],
            "utf-16le-nobom" => Encoding.Unicode.GetBytes(text),
            "shift_jis" => Encoding.GetEncoding("shift_jis").GetBytes(text),
            "euc-jp" => Encoding.GetEncoding("euc-jp").GetBytes(text),
            _ => Encoding.Latin1.GetBytes(text.Replace("–", "-")),
        };
        var (decoded, name) = TextDecoder.Decode(bytes);
        Assert.Equal(expected, name);
        Assert.Equal(form == "latin1" ? text.Replace("–", "-") : text, decoded);
    }
}
