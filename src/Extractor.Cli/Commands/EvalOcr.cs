using System.Diagnostics;
using System.Globalization;
using Extractor.Evaluation;
using Extractor.Ingest;
using Extractor.Ingest.Images;
using Extractor.Ingest.Pdf;
using Extractor.Ocr;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>
/// `extractor eval ocr [DIR]`: CER of our OCR text, of the tesseract program and after cleanup on the scanned
/// case reports; image-only PDFs against their images; born-digital PDFs against gold without OCR.
/// </summary>
internal static class EvalOcr
{
    public const string Usage = "extractor eval ocr [BENCH_DIR] [--no-cli] [--details]";

    public const string Help = """
        eval ocr: reads the page images in BENCH_DIR/scans (ID-pN.png|jpg, pages of one ID joined by form feeds;
        default ../shared/benchmarks/case-reports-ocr) with our OCR and prints per document the CER against
        ID.gold.txt of: our text, `tesseract IMAGE - -l eng --psm 3` run page by page on the same images (the only
        place the program is run; --no-cli skips it), our text after the default cleanup as `run` does it (OCR word
        confidences as evidence), and after the cleanup of the text alone. Then the image-only
        PDFs in pdf/ (same text as their images?) and the born-digital PDFs in born-digital/ (CER raw and after
        cleanup, and the number of OCR calls, which must be 0). CER = Levenshtein edits / gold characters after
        NFC and folding whitespace runs to one space; totals are over all characters.
          --details   print the first differences of each born-digital PDF from its gold text
        """;

    public static int Run(Arguments args)
    {
        bool noCli = args.Flag("no-cli");
        bool details = args.Flag("details");
        args.RejectUnknown();
        if (args.Positional.Count > 2) throw new UsageException("give at most one BENCH_DIR");
        string dir = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!Directory.Exists(dir)) throw new UsageException($"{dir}: no such folder");

        var cleaner = PipelineDefaults.CreateCleaner();
        var pool = OcrEnginePool.Shared;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"tesseract {OcrEngine.Version} via libtesseract, {pool.Workers} engines; cleaner: {cleaner.GetType().Name}");

        // 1. Scans.
        var scans = ScanDocuments(Path.Combine(dir, "scans"));
        var ourTexts = new Dictionary<string, string>();
        Counts ours = new(), cli = new(), clean = new(), textOnly = new();
        int identical = 0;
        if (scans.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"scans: {scans.Count} documents, {scans.Sum(s => s.Value.Count)} pages");
            Console.WriteLine($"{"id",-10} {"pages",5} {"ours",8} {(noCli ? "" : "tesseract"),9} {"cleaned",8} {"text-only",9}  {(noCli ? "" : "same text as program")}");
        }
        foreach (var (id, pages) in scans)
        {
            string goldPath = Path.Combine(dir, id + ".gold.txt");
            if (!File.Exists(goldPath)) { Console.WriteLine($"{id,-10} no gold text"); continue; }
            string gold = TextNormalizer.Normalize(File.ReadAllText(goldPath));
            var doc = PageFolderReader.Instance.Read(pages, Path.Combine(dir, "scans"), id);
            ourTexts[id] = doc.Text;
            var o = Score(doc.Text, gold);
            var c = Score(CleanDocument(cleaner, doc).Text, gold);
            var t = Score(cleaner.Clean(doc.Text).Text, gold);
            ours += o; clean += c; textOnly += t;
            string cliCol = "", same = "";
            if (!noCli)
            {
                string program = string.Join('\f', pages.Select(RunTesseract));
                var p = Score(program, gold);
                cli += p;
                bool eq = program == doc.Text;
                if (eq) identical++;
                cliCol = p.Cer; same = eq ? "yes" : "no";
            }
            Console.WriteLine($"{id,-10} {pages.Count,5} {o.Cer,8} {cliCol,9} {c.Cer,8} {t.Cer,9}  {same}");
        }
        if (scans.Count > 0)
        {
            Console.WriteLine($"{"total",-10} {scans.Sum(s => s.Value.Count),5} {ours.Cer,8} {(noCli ? "" : cli.Cer),9} {clean.Cer,8} {textOnly.Cer,9}  {(noCli ? "" : $"{identical}/{ourTexts.Count}")}");
            Console.WriteLine(string.Create(inv, $"OCR CER {ours.Cer} (tesseract program {(noCli ? "not run" : cli.Cer)}), after cleanup {clean.Cer} ({ours.Edits - clean.Edits} edits fewer: {(clean.Edits < ours.Edits ? "better" : "NOT better")}; the text-only cleanup, without OCR confidences, {textOnly.Cer})"));
        }

        // 2. Image-only PDFs: the same text as their page images.
        var pdfs = Files(Path.Combine(dir, "pdf"), "*.pdf");
        if (pdfs.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"image-only PDFs: {pdfs.Count}");
            int same = 0;
            Counts total = new();
            foreach (var pdf in pdfs)
            {
                string id = Path.GetFileNameWithoutExtension(pdf);
                long before = OcrEngine.PagesRecognized;
                var doc = PdfDocumentReader.Instance.Read(pdf, id);
                long calls = OcrEngine.PagesRecognized - before;
                string goldPath = Path.Combine(dir, id + ".gold.txt");
                var s = File.Exists(goldPath) ? Score(doc.Text, TextNormalizer.Normalize(File.ReadAllText(goldPath))) : new Counts();
                total += s;
                string vsImage = ourTexts.TryGetValue(id, out var imageText) ? (imageText == doc.Text ? "same text as images" : $"DIFFERENT from images ({Levenshtein.Distance(imageText, doc.Text)} edits)") : "no images to compare";
                if (imageText == doc.Text) same++;
                Console.WriteLine($"{id,-10} {doc.Pages,2} pages, {calls} OCR calls, CER {s.Cer}, {vsImage} [{string.Join(",", doc.PageDetails.Select(p => p.Method).Distinct())}]");
            }
            Console.WriteLine($"image-only PDFs: {same}/{pdfs.Count} give the same text as their images; CER {total.Cer}");
        }

        // 3. Born-digital PDFs: gold text from the text layer, no OCR.
        var born = Files(Path.Combine(dir, "born-digital"), "*.pdf");
        if (born.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"born-digital PDFs: {born.Count}");
            Counts raw = new(), cleaned = new();
            long ocrCalls = 0;
            foreach (var pdf in born)
            {
                string id = Path.GetFileNameWithoutExtension(pdf);
                long before = OcrEngine.PagesRecognized;
                var doc = PdfDocumentReader.Instance.Read(pdf, id);
                long calls = OcrEngine.PagesRecognized - before;
                ocrCalls += calls;
                string goldPath = Path.Combine(dir, id + ".gold.txt");
                if (!File.Exists(goldPath)) { Console.WriteLine($"{id,-10} no gold text"); continue; }
                string gold = TextNormalizer.Normalize(File.ReadAllText(goldPath));
                var r = Score(doc.Text, gold);
                var c = Score(CleanDocument(cleaner, doc).Text, gold);
                raw += r; cleaned += c;
                Console.WriteLine($"{id,-10} {doc.Pages,2} pages, {calls} OCR calls, CER raw {r.Cer} ({r.Edits} edits / {r.GoldLength}), after cleanup {c.Cer} ({c.Edits} edits); {LineEndHyphens(doc.Text)} line-end hyphens");
                if (details) PrintDifferences(TextNormalizer.Normalize(doc.Text), gold);
            }
            Console.WriteLine($"born-digital PDFs: CER raw {raw.Cer}, after cleanup {cleaned.Cer}, worst raw {(raw.Worst * 100).ToString("0.00", inv)} %, worst after cleanup {(cleaned.Worst * 100).ToString("0.00", inv)} %; OCR calls {ocrCalls}");
        }
        if (scans.Count == 0 && pdfs.Count == 0 && born.Count == 0) throw new UsageException($"{dir}: no scans/, pdf/ or born-digital/ folders");
        return ExitCodes.Ok;
    }

    // The cleanup as `run` does it: with the document, so OCR word confidences count as evidence.
    private static Extractor.Cleanup.CleanResult CleanDocument(Extractor.Cleanup.ICleaner cleaner, Extractor.Core.SourceDocument doc) =>
        cleaner is Extractor.Review.IDocumentCleaner byDocument ? byDocument.Clean(doc) : cleaner.Clean(doc.Text);

    private readonly record struct Counts(long Edits, long GoldLength, double Worst)
    {
        public string Cer => GoldLength == 0 ? "-" : (100.0 * Edits / GoldLength).ToString("0.00", CultureInfo.InvariantCulture) + " %";
        public static Counts operator +(Counts a, Counts b) => new(a.Edits + b.Edits, a.GoldLength + b.GoldLength, Math.Max(a.Worst, b.Worst));
    }

    private static Counts Score(string text, string normalizedGold)
    {
        int edits = Levenshtein.Distance(TextNormalizer.Normalize(text), normalizedGold);
        return new Counts(edits, normalizedGold.Length, normalizedGold.Length == 0 ? 0 : (double)edits / normalizedGold.Length);
    }

    private static int LineEndHyphens(string text) => System.Text.RegularExpressions.Regex.Count(text, @"\p{L}-\n\p{Ll}");

    /// <summary>Page images of each document: ID-pN.ext grouped by ID, pages in number order.</summary>
    private static SortedDictionary<string, List<string>> ScanDocuments(string dir)
    {
        var docs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return docs;
        foreach (var f in Directory.EnumerateFiles(dir).Where(PageImages.HasImageExtension).Order(NaturalComparer.Instance))
        {
            var name = Path.GetFileNameWithoutExtension(f);
            int p = name.LastIndexOf("-p", StringComparison.Ordinal);
            string id = p > 0 ? name[..p] : name;
            if (!docs.TryGetValue(id, out var list)) docs[id] = list = [];
            list.Add(f);
        }
        return docs;
    }

    private static List<string> Files(string dir, string pattern) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, pattern).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>The text the tesseract program prints for one image (`tesseract IMAGE - -l eng --psm 3`), without its page separator.</summary>
    public static string RunTesseract(string image)
    {
        var psi = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { image, "-", "-l", "eng", "--psm", "3" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("tesseract did not start");
        var err = p.StandardError.ReadToEndAsync();
        using var reader = new StreamReader(p.StandardOutput.BaseStream, new System.Text.UTF8Encoding(false));
        string text = reader.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tesseract failed on {image}: {err.Result.Trim()}");
        return text.EndsWith('\f') ? text[..^1] : text;
    }

    private static void PrintDifferences(string text, string gold, int max = 12)
    {
        // Simple window diff: walk both texts and show where they part.
        int i = 0, j = 0, shown = 0;
        while (i < text.Length && j < gold.Length && shown < max)
        {
            if (text[i] == gold[j]) { i++; j++; continue; }
            int bi = i, bj = j;
            // Resynchronise on the next 8 equal characters.
            bool found = false;
            for (int d = 1; d < 40 && !found; d++)
                for (int di = 0; di <= d && !found; di++)
                {
                    int dj = d - di;
                    if (i + di + 8 <= text.Length && j + dj + 8 <= gold.Length && text.AsSpan(i + di, 8).SequenceEqual(gold.AsSpan(j + dj, 8))) { i += di; j += dj; found = true; }
                }
            if (!found) break;
            Console.WriteLine($"    '{text[Math.Max(0, bi - 12)..i]}' -> gold '{gold[Math.Max(0, bj - 12)..j]}'");
            shown++;
        }
    }
}
