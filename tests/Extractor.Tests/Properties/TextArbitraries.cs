using FsCheck;
using FsCheck.Fluent;

namespace Extractor.Tests.Properties;

/// <summary>Text shaped like OCR output of case reports: words, doses, stages, garbles, hyphen breaks, pages.</summary>
public sealed record OcrText(string[] Parts)
{
    public string Value => string.Concat(Parts);
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Value);
}

/// <summary>Any UTF-16 text: controls, NUL, form feeds, combining marks, CJK, emoji, lone surrogates, RTL, BOMs.</summary>
public sealed record AnyText(string[] Parts)
{
    public string Value => string.Concat(Parts);
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Value, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

public static class TextArbitraries
{
    private static readonly string[] Words =
    [
        "the", "patient", "was", "a", "year-old", "man", "woman", "with", "renal", "cell", "carcinoma", "metastasis",
        "lung", "liver", "bone", "received", "treated", "dose", "daily", "weekly", "twice", "three", "times", "week",
        "grade", "hypertension", "fatigue", "diarrhea", "rash", "no", "not", "observed", "partial", "response",
        "stable", "disease", "progression", "months", "after", "nephrectomy", "radical", "left", "right", "tumor",
        "cm", "Hb", "g/dl", "mg", "mg/m2", "MIU", "IU", "ug/kg", "interferon", "alfa", "IFN-α", "IFN-a", "sunitinib",
        "sorafenib", "placebo", "Table", "Fig.", "et", "al.", "Escudier", "Motzer", "Memorial", "Kettering", "PS",
        "ECOG", "MSKCC", "intermediate", "risk", "clear", "history", "of", "and", "or", "in", "on", "at", "for",
        // OCR damage of the general kinds: confusions, split and run-together words
        "rnetastasis", "c1ear", "0f", "pati ent", "dai1y", "tumour", "hypertensiom", "carcinorna", "wcek", "gradc",
        "ofthe", "Il", "|", "l0", "O", "S0", "rn", "cl", "etal.",
    ];

    private static readonly string[] Tokens =
    [
        "400 mg", "800 mg/day", "5 MIU", "9 MIU", "3 times/week", "1/d", "x3/W", "×3/W", "b.i.d.", "bid.", "q3w",
        "pT2N0M0", "pT3bN1M0", "T1aN0M0", "pT2NOMO", "cT4N2M1", "grade 3/4", "grade3", "G2", "PS 1", "12 cm", "9.2 g/dl",
        "69-year-old", "(n = 12)", "[1]", "2007;", "p < 0.05", "CR", "PR", "SD", "PD", "ORR 19%", "33 %", "6 months",
        "1.", "2)", "(", ")", ",", ".", ";", ":", "-", "–", "/", "%", "±", "≥", "µg", "°C", "α", "β", "γ",
    ];

    private static readonly string[] Breaks = [" ", " ", " ", " ", "  ", "\n", "\n\n", "-\n", " -\n", "\f", "\t", "\r\n"];

    public static Arbitrary<OcrText> OcrText()
    {
        var piece = Gen.Frequency(
            (6, Gen.Elements(Words)),
            (3, Gen.Elements(Tokens)),
            (1, Gen.Choose(0, 2000).Select(n => n.ToString())),
            (1, Gen.Elements(Words).Select(w => w.Length > 3 ? w[..(w.Length / 2)] + "-\n" + w[(w.Length / 2)..] : w)));
        var part = Gen.Zip(piece, Gen.Elements(Breaks), (p, b) => p + b);
        return Arb.From(Gen.Sized(size => Gen.ArrayOf(part, Math.Max(1, size * 2)).Select(a => new OcrText(a))),
            Shrink<OcrText>(t => t.Parts, p => new OcrText(p)));
    }

    private static readonly string[] Odd =
    [
        "\0", "\f", "\r", "\n", "\t", "\u0001", "\u001b", "\u007f", "\u0085", "\u00a0", "\u00ad", "\u0301", "e\u0301",
        "\u200b", "\u200d", "\u200e", "\u202e", "\ufeff", "\ufffd", "\uffff", "\ud800", "\udc00", "\udc00\ud800",
        "\ud83d\ude00", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "ﬁ", "Ⅻ", "１２３", "ｍｇ", "症例", "。", "ア", "한국어", "עברית", "العربية",
        "ß", "İ", "ı", "Σ", "ς", "\u0130\u0307", "𝐀", "\U0001F600", "\\", "\"", "'", ",", "=", "+", "-", "@",
    ];

    public static Arbitrary<AnyText> AnyText()
    {
        var randomChar = Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString());
        var piece = Gen.Frequency(
            (4, Gen.Elements(Odd)),
            (3, randomChar),
            (3, Gen.Elements(Words)),
            (2, Gen.Elements(Tokens)),
            (2, Gen.Elements(Breaks)));
        return Arb.From(Gen.Sized(size => Gen.ArrayOf(piece, Math.Max(1, size * 3)).Select(a => new AnyText(a))),
            Shrink<AnyText>(t => t.Parts, p => new AnyText(p)));
    }

    // Shrinks by dropping half, then single parts.
    private static Func<T, IEnumerable<T>> Shrink<T>(Func<T, string[]> parts, Func<string[], T> make) => t =>
    {
        var p = parts(t);
        var smaller = new List<T>();
        if (p.Length > 1) { smaller.Add(make(p[..(p.Length / 2)])); smaller.Add(make(p[(p.Length / 2)..])); }
        for (int i = 0; i < p.Length && p.Length <= 40; i++) smaller.Add(make([.. p[..i], .. p[(i + 1)..]]));
        return smaller;
    };
}
