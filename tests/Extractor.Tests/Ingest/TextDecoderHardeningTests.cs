using System.Text;
using Extractor.Ingest;

namespace Extractor.Tests.Ingest;

public class TextDecoderHardeningTests
{
    static TextDecoderHardeningTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("Müller été crème naïve: señor Ñúñez, Zürich")]
    [InlineData("Patiënt kreeg één dosis; coöperatie")]
    [InlineData("Ångström Øresund æble")]
    public void Latin1_prose_is_not_taken_for_shift_jis(string text)
    {
        var (decoded, name) = TextDecoder.Decode(Encoding.Latin1.GetBytes(text));
        Assert.Equal("windows-1252", name);
        Assert.Equal(text, decoded);
    }

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("euc-jp")]
    [InlineData("iso-2022-jp")]
    public void Japanese_encodings_are_detected_on_short_mixed_text(string encoding)
    {
        const string text = "症例: 69歳女性。Sorafenib 400 mg/日を投与した。";
        var (decoded, name) = TextDecoder.Decode(Encoding.GetEncoding(encoding).GetBytes(text));
        Assert.Equal(encoding, name);
        Assert.Equal(text, decoded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bomless_utf16_of_plain_ascii_is_not_read_as_utf8_with_nuls(bool littleEndian)
    {
        const string text = "Interferon alfa 5 MIU three times a week.\nStable disease for 6 months.";
        var bytes = (littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode).GetBytes(text);
        var (decoded, name) = TextDecoder.Decode(bytes);
        Assert.Equal(littleEndian ? "utf-16le" : "utf-16be", name);
        Assert.Equal(text, decoded);
    }

    [Fact]
    public void Utf16_with_bom_and_utf32_big_endian_are_read()
    {
        const string text = "グレード3の有害事象 grade 3";
        Assert.Equal(text, TextDecoder.Decode([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]).Text);
        Assert.Equal((text, "utf-32be"), TextDecoder.Decode([0, 0, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes(text)]));
    }

    [Fact]
    public void Utf8_with_one_damaged_byte_keeps_its_other_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("naïve café – 5 µg/kg résumé").ToList();
        bytes.Insert(3, 0xFF);
        var (decoded, name) = TextDecoder.Decode(bytes.ToArray());
        Assert.Equal("utf-8-damaged", name);
        Assert.Contains("café – 5 µg/kg résumé", decoded);
        Assert.Contains('\uFFFD', decoded);
    }

    [Fact]
    public void Decoding_never_throws_on_random_bytes()
    {
        var rng = new Random(42);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[rng.Next(0, 400)];
            rng.NextBytes(bytes);
            var (text, name) = TextDecoder.Decode(bytes);
            Assert.NotNull(text);
            Assert.False(string.IsNullOrEmpty(name));
        }
    }
}
