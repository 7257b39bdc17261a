using System.Globalization;
using System.Text;
using System.Xml;
using Extractor.Cleanup;
using Extractor.Core;

namespace Extractor.Ocr;

/// <summary>
/// Writes a document's words as ALTO 4.4 XML (Description, Layout/Page/PrintSpace, TextBlock per paragraph, TextLine,
/// String with SP between), for digital-library systems that take METS/ALTO. Paragraphs and lines come from the source
/// text (<see cref="WordLayout"/>), as in hOCR.
/// <para>
/// With a <see cref="CleanResult"/> the CONTENT of each String is the cleaned text: a word's source span mapped through
/// the edit map. A word the cleanup changed keeps the OCR reading as <c>ALTERNATIVE PURPOSE="OCR"</c>; a correction that
/// was only suggested is an <c>ALTERNATIVE PURPOSE="suggestion"</c>. Words whose cleaned spans overlap or touch (an edit
/// over several words) are one group, written by <see cref="StringsOf"/>'s rules (docs/ocr.md, "ALTO"); a word joined
/// across a line end becomes HypPart1 + HYP + HypPart2. Without a clean result the words are written as read.
/// </para>
/// Units: <c>pixel</c>. Boxes of page images are pixels; a PDF text-layer page is described in points, i.e. as its
/// 72 dpi rendering (one pixel per point), so that each Page's WIDTH and HEIGHT are in the unit of its own boxes.
/// </summary>
public static class AltoWriter
{
    public const string Namespace = "http://www.loc.gov/standards/alto/ns-v4#";
    public const string SchemaLocation = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd";

    private const string Hyphens = "-\u2010\u2011\u00AC\u00AD";

    /// <summary>The words as read (no cleanup).</summary>
    public static string Write(SourceDocument doc) => Write(doc, null);

    /// <summary>The words with the cleanup's text, the OCR reading and the suggestions as alternatives; null: as read.</summary>
    public static string Write(SourceDocument doc, CleanResult? clean)
    {
        var strings = StringsOf(doc, clean);
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = " ",
            Encoding = new UTF8Encoding(false),
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var sw = new Utf8StringWriter(sb))
        using (var x = XmlWriter.Create(sw, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("alto", Namespace);
            x.WriteAttributeString("xmlns", Namespace);
            x.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
            x.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", Namespace + " " + SchemaLocation);
            x.WriteAttributeString("SCHEMAVERSION", "4.4");
            WriteDescription(x, doc, clean is not null);
            x.WriteStartElement("Layout", Namespace);
            WritePages(x, doc, strings);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return sb.Append('\n').ToString();
    }

    private static void WriteDescription(XmlWriter x, SourceDocument doc, bool cleaned)
    {
        x.WriteStartElement("Description", Namespace);
        x.WriteElementString("MeasurementUnit", Namespace, "pixel");
        x.WriteStartElement("sourceImageInformation", Namespace);
        x.WriteElementString("fileName", Namespace, XmlText(doc.SourcePath));
        x.WriteEndElement();
        x.WriteStartElement("OCRProcessing", Namespace);
        x.WriteAttributeString("ID", "OCR_0");
        x.WriteStartElement("ocrProcessingStep", Namespace);
        x.WriteElementString("processingStepSettings", Namespace,
            "page images: Tesseract, language eng, page segmentation 3; PDF text layers: read without OCR, boxes in points (1 pixel = 1 pt)");
        Software(x, "Extractor", "OCR with Tesseract 5 through libtesseract; PDF text layers with PdfPig");
        x.WriteEndElement();
        if (cleaned)
        {
            x.WriteStartElement("postProcessingStep", Namespace);
            x.WriteElementString("processingStepDescription", Namespace,
                "OCR cleanup: CONTENT is the cleaned text; a changed word keeps the OCR reading as ALTERNATIVE PURPOSE=\"OCR\"; "
                + "a correction only suggested is ALTERNATIVE PURPOSE=\"suggestion\"; corrections.csv gives each change with its reason");
            Software(x, "Extractor", "OCR cleanup with every change logged");
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Software(XmlWriter x, string name, string description)
    {
        x.WriteStartElement("processingSoftware", Namespace);
        x.WriteElementString("softwareName", Namespace, name);
        x.WriteElementString("applicationDescription", Namespace, description);
        x.WriteEndElement();
    }

    private static void WritePages(XmlWriter x, SourceDocument doc, List<AltoString> strings)
    {
        // Each String sits in the line of its first word; a line whose words all went to Strings of earlier lines is left out.
        var firstOfWord = new int[doc.Words.Count]; // first String anchored at the word (a split word has several)
        Array.Fill(firstOfWord, -1);
        for (int s = strings.Count - 1; s >= 0; s--) firstOfWord[strings[s].Words[0]] = s;

        foreach (var page in WordLayout.Pages(doc))
        {
            string pid = $"P{page.Number}";
            var blocks = new List<List<List<AltoString>>>();
            foreach (var par in page.Paragraphs)
            {
                var lines = new List<List<AltoString>>();
                foreach (var line in par)
                {
                    var current = new List<AltoString>();
                    foreach (int wi in line)
                    {
                        for (int s = firstOfWord[wi]; s >= 0 && s < strings.Count && strings[s].Words[0] == wi; s++)
                        {
                            current.Add(strings[s]);
                            // HYP ends a line (ALTO): in a text layer the second part can follow on the same text line.
                            if (strings[s].SubsType == "HypPart1") { lines.Add(current); current = []; }
                        }
                    }
                    if (current.Count > 0) lines.Add(current);
                }
                if (lines.Count > 0) blocks.Add(lines);
            }

            x.WriteStartElement("Page", Namespace);
            x.WriteAttributeString("ID", pid);
            x.WriteAttributeString("PHYSICAL_IMG_NR", Num(page.Number));
            if (page.Detail is { } d)
            {
                x.WriteAttributeString("WIDTH", Num(d.Width));
                x.WriteAttributeString("HEIGHT", Num(d.Height));
            }
            x.WriteStartElement("PrintSpace", Namespace);
            x.WriteAttributeString("ID", pid + "_PS");
            var all = blocks.SelectMany(b => b).SelectMany(l => l).ToList();
            if (all.Count > 0) Position(x, Union(all.Select(s => s.Box)));
            int tb = 0, tl = 0, st = 0;
            foreach (var block in blocks)
            {
                x.WriteStartElement("TextBlock", Namespace);
                x.WriteAttributeString("ID", $"{pid}_TB{++tb}");
                Position(x, Union(block.SelectMany(l => l).Select(s => s.Box)));
                foreach (var line in block)
                {
                    x.WriteStartElement("TextLine", Namespace);
                    x.WriteAttributeString("ID", $"{pid}_TL{++tl}");
                    var lineBox = Union(line.Select(s => s.Box));
                    Position(x, lineBox);
                    for (int i = 0; i < line.Count; i++)
                    {
                        var s = line[i];
                        WriteString(x, s, $"{pid}_S{++st}");
                        if (i + 1 < line.Count)
                        {
                            x.WriteStartElement("SP", Namespace);
                            x.WriteAttributeString("WIDTH", Num(Math.Max(0, line[i + 1].Box.Left - s.Box.Right)));
                            x.WriteAttributeString("HPOS", Num(s.Box.Right));
                            x.WriteAttributeString("VPOS", Num(lineBox.Top));
                            x.WriteEndElement();
                        }
                        else if (s.Hyphen is { } hyp)
                        {
                            x.WriteStartElement("HYP", Namespace);
                            x.WriteAttributeString("CONTENT", XmlText(hyp));
                            x.WriteEndElement();
                        }
                    }
                    x.WriteEndElement();
                }
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndElement();
        }
    }

    private static void WriteString(XmlWriter x, AltoString s, string id)
    {
        x.WriteStartElement("String", Namespace);
        x.WriteAttributeString("ID", id);
        Position(x, s.Box);
        x.WriteAttributeString("CONTENT", XmlText(s.Content));
        if (s.SubsType is { } type)
        {
            x.WriteAttributeString("SUBS_TYPE", type);
            x.WriteAttributeString("SUBS_CONTENT", XmlText(s.SubsContent ?? ""));
        }
        if (s.Confidence >= 0)
            x.WriteAttributeString("WC", Math.Round(Math.Clamp(s.Confidence / 100.0, 0, 1), 4).ToString("0.####", CultureInfo.InvariantCulture));
        if (s.Ocr is { } ocr) Alternative(x, "OCR", ocr);
        foreach (var suggestion in s.Suggestions) Alternative(x, "suggestion", suggestion);
        x.WriteEndElement();
    }

    private static void Alternative(XmlWriter x, string purpose, string text)
    {
        x.WriteStartElement("ALTERNATIVE", Namespace);
        x.WriteAttributeString("PURPOSE", purpose);
        x.WriteString(XmlText(text));
        x.WriteEndElement();
    }

    private static void Position(XmlWriter x, BoundingBox b)
    {
        x.WriteAttributeString("HPOS", Num(b.Left));
        x.WriteAttributeString("VPOS", Num(b.Top));
        x.WriteAttributeString("WIDTH", Num(b.Width));
        x.WriteAttributeString("HEIGHT", Num(b.Height));
    }

    // Characters XML 1.0 cannot carry (control characters a text layer may hold, a lone surrogate) as U+FFFD.
    private static string XmlText(string s)
    {
        try { XmlConvert.VerifyXmlChars(s); return s; } // the common case; it throws on the first bad character
        catch (XmlException) { }
        var sb = new StringBuilder(s.Length);
        for (int j = 0; j < s.Length; j++)
        {
            if (XmlConvert.IsXmlChar(s[j])) sb.Append(s[j]);
            else if (j + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[j + 1], s[j])) { sb.Append(s[j]).Append(s[j + 1]); j++; }
            else sb.Append('\uFFFD');
        }
        return sb.ToString();
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static BoundingBox Union(IEnumerable<BoundingBox> boxes)
    {
        int l = int.MaxValue, t = int.MaxValue, r = int.MinValue, b = int.MinValue;
        foreach (var w in boxes) { l = Math.Min(l, w.Left); t = Math.Min(t, w.Top); r = Math.Max(r, w.Right); b = Math.Max(b, w.Bottom); }
        return l == int.MaxValue ? default : new BoundingBox(l, t, r, b);
    }

    /// <summary>
    /// One ALTO String: the indices of the OCR words it stands for (in <see cref="SourceDocument.Words"/>), its box and
    /// confidence (-1: none), CONTENT and where it lies in the cleaned text, the OCR reading when CONTENT differs from it,
    /// suggestions, the hyphenation substitution, and the HYP content that follows it.
    /// </summary>
    public sealed record AltoString(int[] Words, BoundingBox Box, float Confidence, string Content, int CleanStart)
    {
        public string? Ocr { get; init; }
        public List<string> Suggestions { get; } = [];
        public string? SubsType { get; init; }
        public string? SubsContent { get; init; }
        public string? Hyphen { get; init; }
        public int CleanEnd => CleanStart + Content.Length;
    }

    /// <summary>
    /// The Strings of a document, in text order. Each word's source span is mapped through the edit map; words whose
    /// cleaned spans overlap or touch form a group (an edit over several words: a repaired space, a joined line end), and
    /// non-blank cleaned text between groups goes to the group before it (text after a blank to the one it touches).
    /// A group of k words whose cleaned text has m whitespace-separated tokens is written as:
    /// <list type="bullet">
    /// <item>m = k: one String per word, token by token;</item>
    /// <item>two words on two lines (a line break or a text-layer wrap between them) and one token: HypPart1 and HypPart2,
    /// the token split where the first word's reading ends (its hyphen, when the join dropped it, becomes the HYP), both
    /// with SUBS_CONTENT = the token;</item>
    /// <item>otherwise (words merged on a line, a word split in two, a deleted word): one String per token over the
    /// group's union box divided by character counts (m = 0: one empty String), the lowest confidence of the group, and
    /// the group's OCR reading (its source text, blanks folded to one space) as the first String's ALTERNATIVE.</item>
    /// </list>
    /// So no text is lost: the CONTENTs in order, hyphenation parts joined, are the cleaned text's tokens, and every OCR
    /// reading the cleanup changed is an ALTERNATIVE.
    /// </summary>
    public static List<AltoString> StringsOf(SourceDocument doc, CleanResult? clean)
    {
        var words = doc.Words;
        string text = clean?.Text ?? doc.Text;
        var map = clean?.Map ?? EditMap.Identity;
        var result = new List<AltoString>();
        if (words.Count == 0) return result;

        // Groups of words [First, Last] over cleaned [Start, End).
        var groups = new List<(int First, int Last, int Start, int End)>();
        for (int i = 0; i < words.Count; i++)
        {
            var (s, e) = map.ToEdited(words[i].Start, words[i].End);
            if (groups.Count > 0 && s <= groups[^1].End)
            {
                var g = groups[^1];
                groups[^1] = (g.First, i, Math.Min(g.Start, s), Math.Max(g.End, e));
            }
            else groups.Add((i, i, s, e));
        }
        // Non-blank cleaned text outside the words' spans (an insertion between words) joins a neighbouring group.
        for (int g = 0; g < groups.Count; g++)
        {
            int from = g == 0 ? 0 : groups[g - 1].End, to = groups[g].Start;
            int j = to;
            while (j > from && !char.IsWhiteSpace(text[j - 1])) j--;
            if (j < to) groups[g] = groups[g] with { Start = j };
            int k = j;
            while (k > from && char.IsWhiteSpace(text[k - 1])) k--;
            if (g > 0 && k > from) groups[g - 1] = groups[g - 1] with { End = k };
            if (g == groups.Count - 1)
            {
                int end = text.Length;
                while (end > groups[g].End && char.IsWhiteSpace(text[end - 1])) end--;
                if (end > groups[g].End) groups[g] = groups[g] with { End = end };
            }
        }
        // Text before the first group that no whitespace separates from it was taken above; the rest joins the first group.
        if (groups.Count > 0)
        {
            int k = groups[0].Start;
            while (k > 0 && char.IsWhiteSpace(text[k - 1])) k--;
            int first = 0;
            while (first < k && char.IsWhiteSpace(text[first])) first++;
            if (first < k) groups[0] = groups[0] with { Start = first };
        }

        var groupOfWord = new int[words.Count];
        var stringsOfGroup = new List<(int From, int To)>();
        for (int g = 0; g < groups.Count; g++)
        {
            var (first, last, start, end) = groups[g];
            for (int i = first; i <= last; i++) groupOfWord[i] = g;
            int before = result.Count;
            AddGroup(doc, text, first, last, start, end, result);
            stringsOfGroup.Add((before, result.Count));
        }

        if (clean is null)
        {
            // As read: no alternatives (text outside the words, if any, is in CONTENT as it stands).
            for (int i = 0; i < result.Count; i++) if (result[i].Ocr is not null) result[i] = result[i] with { Ocr = null };
            return result;
        }
        foreach (var c in clean.Corrections)
        {
            if (c.Applied) continue;
            int w = FirstWordIn(words, c.Start, c.End);
            if (w < 0) continue;
            var (from, to) = stringsOfGroup[groupOfWord[w]];
            var (cs, ce) = map.ToEdited(c.Start, c.End);
            bool unchanged = ce - cs == c.Original.Length && string.CompareOrdinal(text, cs, c.Original, 0, c.Original.Length) == 0;
            AltoString? target = null;
            string alternative = c.Corrected;
            for (int s = from; s < to; s++)
            {
                var str = result[s];
                if (unchanged && str.CleanStart <= cs && ce <= str.CleanEnd)
                {
                    // Within one String: the String's text with the suggested change made.
                    target = str;
                    alternative = str.Content[..(cs - str.CleanStart)] + c.Corrected + str.Content[(ce - str.CleanStart)..];
                    break;
                }
            }
            // Within one word whose text an applied change altered there: the word as read with the suggested change made.
            // Over several words: the corrected text of the span. Either on the first String of the word's group.
            if (target is null && c.End <= words[w].End && c.Start >= words[w].Start)
                alternative = words[w].Text[..(c.Start - words[w].Start)] + c.Corrected + words[w].Text[(c.End - words[w].Start)..];
            target ??= result[from];
            if (!target.Suggestions.Contains(alternative) && alternative != target.Content) target.Suggestions.Add(alternative);
        }
        return result;
    }

    private static int FirstWordIn(IReadOnlyList<OcrWord> words, int start, int end)
    {
        int lo = 0, hi = words.Count;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (words[mid].End <= start) lo = mid + 1; else hi = mid; }
        return lo < words.Count && words[lo].Start < Math.Max(end, start + 1) ? lo : -1;
    }

    private static void AddGroup(SourceDocument doc, string text, int first, int last, int start, int end, List<AltoString> result)
    {
        var words = doc.Words;
        var tokens = new List<(int Start, int End)>();
        for (int i = start; i < end;)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            int j = i;
            while (j < end && !char.IsWhiteSpace(text[j])) j++;
            tokens.Add((i, j));
            i = j;
        }
        int k = last - first + 1;
        if (tokens.Count == k)
        {
            for (int i = 0; i < k; i++)
            {
                var w = words[first + i];
                string content = text[tokens[i].Start..tokens[i].End];
                result.Add(new AltoString([first + i], w.Box, w.Confidence, content, tokens[i].Start) { Ocr = content == w.Text ? null : w.Text });
            }
            return;
        }
        if (k == 2 && tokens.Count == 1 && tokens[0].End - tokens[0].Start >= 2 && AcrossLines(doc, words[first], words[last]))
        {
            AddHyphenated(text, first, tokens[0], words[first], words[last], result);
            return;
        }

        var box = new BoundingBox(words[first].Box.Left, words[first].Box.Top, words[first].Box.Right, words[first].Box.Bottom);
        float conf = words[first].Confidence;
        var indices = new int[k];
        for (int i = first; i <= last; i++)
        {
            var b = words[i].Box;
            if (words[i].Page == words[first].Page)
                box = new BoundingBox(Math.Min(box.Left, b.Left), Math.Min(box.Top, b.Top), Math.Max(box.Right, b.Right), Math.Max(box.Bottom, b.Bottom));
            conf = conf < 0 || words[i].Confidence < 0 ? -1 : Math.Min(conf, words[i].Confidence);
            indices[i - first] = i;
        }
        string ocr = Fold(doc.Text[words[first].Start..words[last].End]);
        if (tokens.Count == 0)
        {
            result.Add(new AltoString(indices, box, conf, "", start) { Ocr = ocr });
            return;
        }
        int span = tokens[^1].End - tokens[0].Start;
        for (int t = 0; t < tokens.Count; t++)
        {
            string content = text[tokens[t].Start..tokens[t].End];
            int left = box.Left + (int)Math.Round((double)box.Width * (tokens[t].Start - tokens[0].Start) / span);
            int right = box.Left + (int)Math.Round((double)box.Width * (tokens[t].End - tokens[0].Start) / span);
            string? alternative = t == 0 && Fold(text[tokens[0].Start..tokens[^1].End]) != ocr ? ocr : null;
            result.Add(new AltoString(indices, new BoundingBox(left, box.Top, right, box.Bottom), conf, content, tokens[t].Start) { Ocr = alternative });
        }
    }

    // Two parts of a word broken at a line end: the token split where the first reading ends.
    private static void AddHyphenated(string text, int first, (int Start, int End) token, OcrWord w1, OcrWord w2, List<AltoString> result)
    {
        string joined = text[token.Start..token.End];
        string a = w1.Text.Length > 1 && Hyphens.Contains(w1.Text[^1]) ? w1.Text[..^1] : w1.Text;
        string? printedHyphen = a.Length < w1.Text.Length ? w1.Text[^1..] : null;
        int cut;
        if (joined.StartsWith(w1.Text, StringComparison.Ordinal) && joined.Length > w1.Text.Length) cut = w1.Text.Length; // hyphen kept
        else if (joined.StartsWith(a, StringComparison.Ordinal) && joined.Length > a.Length) cut = a.Length;
        else if (joined.EndsWith(w2.Text, StringComparison.Ordinal) && joined.Length > w2.Text.Length) cut = joined.Length - w2.Text.Length;
        else cut = Math.Clamp(a.Length, 1, joined.Length - 1);
        string part1 = joined[..cut], part2 = joined[cut..];
        // The hyphen the join dropped is the HYP; a text layer's reader already took it out (docs/ocr.md), so it is "-".
        string? hyp = Hyphens.Contains(part1[^1]) ? null : printedHyphen ?? "-";
        string read1 = part1 + (hyp is not null && printedHyphen is not null ? printedHyphen : "");
        result.Add(new AltoString([first], w1.Box, w1.Confidence, part1, token.Start)
        {
            Ocr = read1 == w1.Text ? null : w1.Text, SubsType = "HypPart1", SubsContent = joined, Hyphen = hyp,
        });
        result.Add(new AltoString([first + 1], w2.Box, w2.Confidence, part2, token.Start + cut)
        {
            Ocr = part2 == w2.Text ? null : w2.Text, SubsType = "HypPart2", SubsContent = joined,
        });
    }

    // Two words on different lines: a line break or page break in the source between them, or (a text layer whose reader
    // joined a hyphenated word) the second box starts left of the first and below its top.
    private static bool AcrossLines(SourceDocument doc, OcrWord w1, OcrWord w2) =>
        w1.Page != w2.Page
        || doc.Text.AsSpan(w1.End, Math.Max(0, w2.Start - w1.End)).IndexOfAny('\n', '\f') >= 0
        || (w2.Box.Left < w1.Box.Left && w2.Box.Top > w1.Box.Top);

    private static string Fold(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
