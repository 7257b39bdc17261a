using System.Globalization;
using System.Net;
using System.Text;
using Extractor.Core;

namespace Extractor.Ocr;

/// <summary>
/// Writes a document's words as hOCR 1.2 (pages, paragraphs, lines, words with bbox and x_wconf). Lines and
/// paragraphs come from the source text (<see cref="WordLayout"/>): a line break between two words starts a new line,
/// a blank line a new paragraph. Each word also carries <c>x_source START END</c>, its span in the source text, so hOCR consumers can
/// link back to the CSV rows. Boxes are in the page's unit (pixels; PDF points for text-layer pages).
/// </summary>
public static class HocrWriter
{
    public static string Write(SourceDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
            <head>
            """).Append('\n');
        sb.Append($"  <title>{Esc(doc.DocumentId)}</title>\n");
        sb.Append("  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n");
        sb.Append("  <meta name=\"ocr-system\" content=\"extractor (tesseract via libtesseract)\"/>\n");
        sb.Append("  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_par ocr_line ocrx_word\"/>\n");
        sb.Append("</head>\n<body>\n");

        foreach (var page in WordLayout.Pages(doc))
        {
            var detail = page.Detail;
            string pageBox = detail is null ? "" : $"; bbox 0 0 {detail.Width} {detail.Height}";
            string dpi = detail is { Dpi: > 0 } ? $"; scan_res {detail.Dpi} {detail.Dpi}" : "";
            sb.Append($"  <div class='ocr_page' id='page_{page.Number}' title='image \"{Esc(doc.SourcePath)}\"{pageBox}; ppageno {page.Number - 1}{dpi}'>\n");
            int par = 0, line = 0;
            foreach (var lines in page.Paragraphs)
                FlushParagraph(sb, page.Number, ++par, [.. lines.Select(l => l.Select(i => doc.Words[i]).ToList())], ref line);
            sb.Append("  </div>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void FlushParagraph(StringBuilder sb, int page, int par, List<List<OcrWord>> lines, ref int line)
    {
        sb.Append($"   <p class='ocr_par' id='par_{page}_{par}' title='bbox {Box(lines.SelectMany(l => l))}'>\n");
        foreach (var l in lines)
        {
            line++;
            sb.Append($"    <span class='ocr_line' id='line_{page}_{line}' title='bbox {Box(l)}'>");
            foreach (var w in l)
            {
                string conf = w.Confidence >= 0 ? $"; x_wconf {Math.Round(w.Confidence).ToString(CultureInfo.InvariantCulture)}" : "";
                sb.Append($"<span class='ocrx_word' title='bbox {Box([w])}{conf}; x_source {w.Start} {w.End}'>{Esc(w.Text)}</span> ");
            }
            sb.Append("</span>\n");
        }
        sb.Append("   </p>\n");
    }

    private static string Box(IEnumerable<OcrWord> words)
    {
        int l = int.MaxValue, t = int.MaxValue, r = int.MinValue, b = int.MinValue;
        foreach (var w in words) { l = Math.Min(l, w.Box.Left); t = Math.Min(t, w.Box.Top); r = Math.Max(r, w.Box.Right); b = Math.Max(b, w.Box.Bottom); }
        return l == int.MaxValue ? "0 0 0 0" : $"{l} {t} {r} {b}";
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
