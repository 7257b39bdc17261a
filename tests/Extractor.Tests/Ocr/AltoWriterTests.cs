using System.Xml.Linq;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Evaluation;
using Extractor.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>
/// ALTO output: the words as read and the cleaned words (CONTENT from the edit map, the OCR reading and suggestions as
/// ALTERNATIVEs, HypPart1/HypPart2 for a word joined across a line end), against hand-checked fixtures, the ALTO 4.4
/// schema, and the rule that no text is lost when an edit spans, merges, splits or deletes words.
/// </summary>
public sealed class AltoWriterTests
{
    private static readonly XNamespace A = AltoWriter.Namespace;

    private static OcrWord W(string text, int page, int l, int t, int r, int b, float conf, int start) =>
        new(text, page, new BoundingBox(l, t, r, b), conf, start, start + text.Length);

    /// <summary>Two pages; page 1 has two paragraphs (the second after a blank line); non-ASCII and &amp;&lt;&gt;"' in
    /// the words and the file name; one word without a confidence.</summary>
    private static SourceDocument TwoPages()
    {
        const string text = "Müller & <5>\nμg \"q\"\n\n'x'\fEnd";
        return new SourceDocument
        {
            DocumentId = "a&b",
            SourcePath = "scans/a&b.png",
            Text = text,
            Words =
            [
                W("Müller", 1, 10, 10, 70, 30, 91.5f, 0),
                W("&", 1, 80, 10, 90, 30, 88, 7),
                W("<5>", 1, 100, 10, 130, 30, -1, 9),
                W("μg", 1, 10, 40, 40, 60, 75.25f, 13),
                W("\"q\"", 1, 50, 40, 80, 60, 100, 16),
                W("'x'", 1, 10, 100, 40, 120, 0, 21),
                W("End", 2, 20, 20, 60, 40, 96.5f, 25),
            ],
            PageDetails = [new PageDetail(1, 200, 300, "px", 300, "ocr"), new PageDetail(2, 200, 300, "px", 300, "ocr")],
        };
    }

    // Line 1 ends in a hyphen the cleanup joins; "Fig. 2" loses its space, "5mg" gains one; "naive" has a suggestion.
    private const string ReportText = "The patlent was treat-\nment naive; Fig. 2 and\nwas 5mg daily.";

    private static SourceDocument Report() => new()
    {
        DocumentId = "report",
        SourcePath = "report.png",
        Text = ReportText,
        Words =
        [
            W("The", 1, 10, 10, 40, 30, 95, 0), W("patlent", 1, 50, 10, 110, 30, 40, 4), W("was", 1, 120, 10, 150, 30, 90, 12),
            W("treat-", 1, 160, 10, 210, 30, 85, 16),
            W("ment", 1, 10, 40, 50, 60, 80, 23), W("naive;", 1, 60, 40, 110, 60, 70, 28), W("Fig.", 1, 120, 40, 150, 60, 60, 35),
            W("2", 1, 155, 40, 165, 60, 50, 40), W("and", 1, 175, 40, 205, 60, 93, 42),
            W("was", 1, 10, 70, 40, 90, 94, 46), W("5mg", 1, 50, 70, 80, 90, 30, 50), W("daily.", 1, 90, 70, 140, 90, -1, 54),
        ],
        PageDetails = [new PageDetail(1, 300, 200, "px", 0, "ocr")],
    };

    private static CleanResult Clean(string text, params Correction[] corrections)
    {
        var (cleaned, map) = EditMap.Apply(text, corrections.Where(c => c.Applied).Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
        return new CleanResult(cleaned, map, corrections);
    }

    private static CleanResult ReportCleanup() => Clean(ReportText,
        new Correction(4, 11, "patlent", "patient", "lexicon", 0.9, true),
        new Correction(16, 27, "treat-\nment", "treatment", "dehyphenation", 0.95, true),
        new Correction(28, 33, "naive", "naïve", "lexicon", 0.6, false),
        new Correction(35, 41, "Fig. 2", "Fig.2", "spacing", 0.9, true),
        new Correction(50, 53, "5mg", "5 mg", "spacing", 0.9, true));

    private static string Fixture(string name)
    {
        var root = BenchmarkLocator.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        return Path.Combine(root, "tests", "Extractor.Tests", "Fixtures", "alto", name);
    }

    [Theory]
    [InlineData("words-as-read.alto.xml")]
    [InlineData("cleaned.alto.xml")]
    public void Output_is_the_hand_checked_fixture_and_valid_ALTO(string fixture)
    {
        string xml = fixture == "cleaned.alto.xml" ? AltoWriter.Write(Report(), ReportCleanup()) : AltoWriter.Write(TwoPages());
        Assert.Equal(File.ReadAllText(Fixture(fixture)), xml);
        AltoSchema.Validate(xml);
    }

    [Theory]
    [InlineData("<HYP CONTENT=\"-\" />", "<String ID=\"P1_S1\"")] // HYP only at the end of a line
    [InlineData("WC=\"1.5\"", "WC=\"0.915\"")]                     // confidence in 0..1
    [InlineData("ID=\"1\"", "ID=\"P1\"")]                          // IDs are XML names
    public void Schema_check_rejects_what_ALTO_does_not_allow(string bad, string good)
    {
        string xml = File.ReadAllText(Fixture("words-as-read.alto.xml"));
        Assert.Contains(good, xml);
        string broken = good.StartsWith("<String", StringComparison.Ordinal) ? xml.Replace(good, bad + good) : xml.Replace(good, bad);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AltoSchema.Validate(broken));
    }

    [Fact]
    public void Round_trip_gives_back_each_word_its_box_and_confidence()
    {
        var doc = TwoPages();
        var strings = XDocument.Parse(AltoWriter.Write(doc)).Descendants(A + "String").ToList();
        Assert.Equal(doc.Words.Select(w => w.Text), strings.Select(s => (string)s.Attribute("CONTENT")!));
        Assert.Equal(doc.Words.Select(w => w.Box), strings.Select(s => new BoundingBox(
            (int)s.Attribute("HPOS")!, (int)s.Attribute("VPOS")!,
            (int)s.Attribute("HPOS")! + (int)s.Attribute("WIDTH")!, (int)s.Attribute("VPOS")! + (int)s.Attribute("HEIGHT")!)));
        Assert.Equal(doc.Words.Select(w => w.Confidence < 0 ? (double?)null : Math.Round(w.Confidence / 100.0, 4)),
            strings.Select(s => (double?)s.Attribute("WC")));
        Assert.Empty(strings.Elements(A + "ALTERNATIVE")); // as read: nothing to offer
        Assert.Equal(["P1", "P2"], XDocument.Parse(AltoWriter.Write(doc)).Descendants(A + "Page").Select(p => (string)p.Attribute("ID")!));
    }

    /// <summary>The CONTENTs in order, each HypPart1 joined to its HypPart2, are the cleaned text's tokens.</summary>
    internal static List<string> Tokens(XDocument alto)
    {
        var tokens = new List<string>();
        string? part1 = null;
        foreach (var s in alto.Descendants(A + "String"))
        {
            string content = (string)s.Attribute("CONTENT")!;
            switch ((string?)s.Attribute("SUBS_TYPE"))
            {
                case "HypPart1": part1 = content; break;
                case "HypPart2": tokens.Add(part1 + content); Assert.Equal(part1 + content, (string?)s.Attribute("SUBS_CONTENT")); part1 = null; break;
                default: if (content.Length > 0) tokens.Add(content); break;
            }
        }
        Assert.Null(part1);
        return tokens;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Cleaned_contents_are_the_cleaned_words_and_every_changed_reading_is_kept()
    {
        var clean = ReportCleanup();
        var alto = XDocument.Parse(AltoWriter.Write(Report(), clean));
        Assert.Equal(Words(clean.Text), Tokens(alto));
        var ocr = alto.Descendants(A + "ALTERNATIVE").Where(a => (string?)a.Attribute("PURPOSE") == "OCR").Select(a => a.Value);
        Assert.Equal(["patlent", "Fig. 2", "5mg"], ocr);
        var hyp = Assert.Single(alto.Descendants(A + "HYP"));
        Assert.Equal("HypPart1", (string?)((XElement)hyp.PreviousNode!).Attribute("SUBS_TYPE"));
        Assert.Null(hyp.NextNode); // HYP ends its line
    }

    [Fact]
    public void Cleaned_text_of_the_real_cleanup_is_reproduced_word_for_word()
    {
        // The default cleaner over a made-up OCR page: whatever it changes, the ALTO words are the cleaned words.
        const string text = "The patlent recieved sunitinib 50 mg dai-\nly for four weeks.\n\nGrade 3 thrombocyto-\npenia developed after two cycles.";
        var words = new List<OcrWord>();
        int line = 0, x = 0;
        for (int i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i])) { if (text[i] == '\n') { line++; x = 0; } i++; continue; }
            int j = i;
            while (j < text.Length && !char.IsWhiteSpace(text[j])) j++;
            words.Add(W(text[i..j], 1, x, line * 30, x + 10 * (j - i), line * 30 + 20, 80, i));
            x += 10 * (j - i) + 10;
            i = j;
        }
        var doc = new SourceDocument { DocumentId = "d", SourcePath = "d.png", Text = text, Words = words };
        var clean = Pipeline.PipelineDefaults.CreateCleaner().Clean(text);
        Assert.NotEqual(text, clean.Text); // the cleanup changed something, or the test shows nothing
        var xml = AltoWriter.Write(doc, clean);
        Assert.Equal(Words(clean.Text), Tokens(XDocument.Parse(xml)));
        AltoSchema.Validate(xml);
    }

    [Fact]
    public void A_deleted_word_stays_as_an_empty_String_with_its_OCR_reading()
    {
        const string text = "dose | daily";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.png", Text = text,
            Words = [W("dose", 1, 0, 0, 40, 20, 90, 0), W("|", 1, 50, 0, 52, 20, 10, 5), W("daily", 1, 60, 0, 110, 20, 90, 7)],
        };
        // Deleting "| " makes "|" touch "daily": one group, one token, so one String over both boxes.
        var merged = AltoWriter.StringsOf(doc, Clean(text, new Correction(5, 7, "| ", "", "punctuation", 0.9, true)));
        Assert.Equal(["dose", "daily"], merged.Select(s => s.Content));
        Assert.Equal("| daily", merged[1].Ocr);
        Assert.Equal(new BoundingBox(50, 0, 110, 20), merged[1].Box);
        // Deleting "|" alone leaves two spaces: the word is an empty String that keeps what OCR read.
        var alone = AltoWriter.StringsOf(doc, Clean(text, new Correction(5, 6, "|", "", "punctuation", 0.9, true)));
        Assert.Equal(["dose", "", "daily"], alone.Select(s => s.Content));
        Assert.Equal("|", alone[1].Ocr);
        AltoSchema.Validate(AltoWriter.Write(doc, Clean(text, new Correction(5, 6, "|", "", "punctuation", 0.9, true))));
    }

    [Fact]
    public void Text_inserted_between_words_joins_the_word_before_it()
    {
        const string text = "5 mg daily";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.png", Text = text,
            Words = [W("5", 1, 0, 0, 10, 20, 90, 0), W("mg", 1, 20, 0, 40, 20, 90, 2), W("daily", 1, 50, 0, 100, 20, 90, 5)],
        };
        var clean = Clean(text, new Correction(4, 4, "", " (oral)", "grammar", 0.9, true));
        Assert.Equal("5 mg (oral) daily", clean.Text);
        var strings = AltoWriter.StringsOf(doc, clean);
        Assert.Equal(Words(clean.Text), strings.Select(s => s.Content));
        Assert.Equal("mg", strings[1].Ocr); // the word's String now also holds the inserted text, so it keeps its reading
    }

    [Fact]
    public void A_suggestion_over_several_words_is_offered_on_the_first_of_them()
    {
        const string text = "Kaplan Meier curve";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.png", Text = text,
            Words = [W("Kaplan", 1, 0, 0, 60, 20, 90, 0), W("Meier", 1, 70, 0, 120, 20, 90, 7), W("curve", 1, 130, 0, 180, 20, 90, 13)],
        };
        var strings = AltoWriter.StringsOf(doc, Clean(text, new Correction(0, 12, "Kaplan Meier", "Kaplan-Meier", "spacing", 0.5, false)));
        Assert.Equal(["Kaplan-Meier"], strings[0].Suggestions);
        Assert.Empty(strings[1].Suggestions);
        Assert.Equal(["Kaplan", "Meier", "curve"], strings.Select(s => s.Content)); // suggested only: CONTENT unchanged
    }

    [Fact]
    public void A_suggestion_over_text_an_applied_change_altered_is_the_reading_with_the_suggestion_made()
    {
        const string text = "tbe dose";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.png", Text = text,
            Words = [W("tbe", 1, 0, 0, 30, 20, 40, 0), W("dose", 1, 40, 0, 80, 20, 90, 4)],
        };
        // A later pass applied "tbe" -> "the"; an earlier suggestion over "b" -> "o" is offered as the reading with it
        // made ("toe"), not as the bare fragment "o".
        var clean = Clean(text, new Correction(0, 3, "tbe", "the", "lexicon", 0.9, true), new Correction(1, 2, "b", "o", "confusion", 0.5, false));
        var strings = AltoWriter.StringsOf(doc, clean);
        Assert.Equal("the", strings[0].Content);
        Assert.Equal("tbe", strings[0].Ocr);
        Assert.Equal(["toe"], strings[0].Suggestions);
        Assert.Empty(strings[1].Suggestions);
    }

    [Fact]
    public void A_text_layer_word_joined_by_the_reader_is_split_into_hyphenation_parts_on_two_lines()
    {
        // The PDF reader removed "-\n" between "pat" and "tern" (docs/ocr.md): the words touch in the text, the
        // second box starts a new line on the page, and the rest of that line follows on the first text line.
        const string text = "a pattern here";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.pdf", Text = text, Encoding = "pdf-text",
            Words = [W("a", 1, 100, 10, 105, 20, -1, 0), W("pat", 1, 110, 10, 130, 20, -1, 2), W("tern", 1, 10, 30, 40, 40, -1, 5), W("here", 1, 45, 30, 70, 40, -1, 10)],
            PageDetails = [new PageDetail(1, 612, 792, "pt", 0, "pdf-text")],
        };
        var xml = AltoWriter.Write(doc);
        AltoSchema.Validate(xml);
        var lines = XDocument.Parse(xml).Descendants(A + "TextLine").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(["a", "pat"], lines[0].Elements(A + "String").Select(s => (string)s.Attribute("CONTENT")!));
        Assert.Equal("-", (string?)lines[0].Elements().Last().Attribute("CONTENT"));
        Assert.Equal(["tern", "here"], lines[1].Elements(A + "String").Select(s => (string)s.Attribute("CONTENT")!));
        Assert.Equal(["a", "pattern", "here"], Tokens(XDocument.Parse(xml)));
    }

    [Fact]
    public void A_kept_hyphen_stays_in_the_first_part_without_a_HYP()
    {
        const string text = "a 69-\nyear-old man";
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.png", Text = text,
            Words = [W("a", 1, 0, 0, 10, 20, 90, 0), W("69-", 1, 20, 0, 50, 20, 90, 2), W("year-old", 1, 0, 30, 80, 50, 90, 6), W("man", 1, 90, 30, 120, 50, 90, 15)],
        };
        var clean = Clean(text, new Correction(2, 14, "69-\nyear-old", "69-year-old", "dehyphenation", 0.9, true));
        var strings = AltoWriter.StringsOf(doc, clean);
        Assert.Equal(["a", "69-", "year-old", "man"], strings.Select(s => s.Content));
        Assert.Equal(["69-year-old", "69-year-old"], strings.Where(s => s.SubsType is not null).Select(s => s.SubsContent));
        Assert.All(strings, s => Assert.Null(s.Hyphen));
        Assert.All(strings, s => Assert.Null(s.Ocr));
        AltoSchema.Validate(AltoWriter.Write(doc, clean));
    }

    [Fact]
    public void Characters_XML_cannot_carry_become_replacement_characters()
    {
        var doc = new SourceDocument
        {
            DocumentId = "d", SourcePath = "d.pdf", Text = "a\u0002b",
            Words = [W("a\u0002b", 1, 0, 0, 30, 20, -1, 0)],
        };
        var s = Assert.Single(XDocument.Parse(AltoWriter.Write(doc)).Descendants(A + "String"));
        Assert.Equal("a\uFFFDb", (string?)s.Attribute("CONTENT"));
    }
}
