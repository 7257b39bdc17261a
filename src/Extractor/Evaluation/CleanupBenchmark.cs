namespace Extractor.Evaluation;

/// <summary>One OCR text with its gold text. <see cref="Id"/> is the document id or "line N" of a line-aligned pair.</summary>
public sealed record OcrGoldPair(string Id, string Ocr, string Gold);

/// <summary>
/// Reads OCR/gold benchmark sets in their two forms: a folder of ID.ocr.txt + ID.gold.txt, or a folder (or the
/// ocr file) of a line-aligned pair ocr.txt + gold.txt with one paragraph a line. Documents are read lazily, one at a time.
/// </summary>
public static class CleanupBenchmark
{
    /// <summary>True when <paramref name="path"/> is a set in either form.</summary>
    public static bool IsSet(string path) =>
        Directory.Exists(path) && (LinePair(path) is not null || Directory.EnumerateFiles(path, "*.ocr.txt").Any());

    /// <summary>The sets at <paramref name="path"/>: the path itself if it is a set, else its sub-folders that are sets.</summary>
    public static List<string> FindSets(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"{path}: no such file or folder");
        if (IsSet(path)) return [path];
        return Directory.EnumerateDirectories(path).Order(StringComparer.Ordinal).Where(IsSet).ToList();
    }

    public static string NameOf(string set) =>
        File.Exists(set) ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(set))!) : Path.GetFileName(Path.GetFullPath(set).TrimEnd(Path.DirectorySeparatorChar));

    private static (string Ocr, string Gold)? LinePair(string dir)
    {
        string ocr = Path.Combine(dir, "ocr.txt"), gold = Path.Combine(dir, "gold.txt");
        return File.Exists(ocr) && File.Exists(gold) ? (ocr, gold) : null;
    }

    /// <summary>The pairs of a set, lazily. A file path is taken as the ocr.txt of a line-aligned pair.</summary>
    public static IEnumerable<OcrGoldPair> Read(string set)
    {
        if (File.Exists(set))
        {
            var gold = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(set))!, "gold.txt");
            if (!File.Exists(gold)) throw new FileNotFoundException($"{gold}: the gold file of {set} is missing");
            return ReadLines(set, gold);
        }
        if (LinePair(set) is { } pair) return ReadLines(pair.Ocr, pair.Gold);
        return ReadFolder(set);
    }

    private static IEnumerable<OcrGoldPair> ReadFolder(string dir)
    {
        foreach (var ocr in Directory.EnumerateFiles(dir, "*.ocr.txt").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(ocr)[..^".ocr.txt".Length];
            var gold = Path.Combine(dir, id + ".gold.txt");
            if (!File.Exists(gold)) continue;
            yield return new OcrGoldPair(id, File.ReadAllText(ocr), File.ReadAllText(gold));
        }
    }

    private static IEnumerable<OcrGoldPair> ReadLines(string ocrPath, string goldPath)
    {
        using var ocr = new StreamReader(ocrPath);
        using var gold = new StreamReader(goldPath);
        for (int n = 1; ; n++)
        {
            var o = ocr.ReadLine();
            var g = gold.ReadLine();
            if (o is null && g is null) yield break;
            if (o is null || g is null) throw new InvalidDataException($"{ocrPath} and {goldPath} differ in line count (from line {n})");
            yield return new OcrGoldPair($"line {n}", o, g);
        }
    }
}
