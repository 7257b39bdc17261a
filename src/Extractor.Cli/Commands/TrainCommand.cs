using Extractor.Evaluation;
using Extractor.Training;

namespace Extractor.Cli.Commands;

/// <summary>`extractor train confusion`: learns the OCR confusion counts the cleanup reads.</summary>
public sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "learn the OCR character confusion counts from aligned OCR and gold text";
    public string Help => """
        Usage: extractor train confusion [BENCH_DIR] [--out FILE] [--min-count N]

        Aligns the OCR text and the gold text of every document of a benchmark set (normalized: NFC, whitespace
        folded; words first, then characters inside differing words) and counts every edit of 1-2 observed
        characters for 1-2 intended ones (rn -> m, cl -> d, 1 -> l, 0 -> O, ...), plus how often each intended
        string was read right. Writes 'observed<TAB>intended<TAB>count' lines under a header that says how the file
        was made. BENCH_DIR defaults to ../shared/benchmarks/case-reports-ocr (the development split).
          --out FILE       where to write (default: stdout)
          --min-count N    drop edits seen fewer than N times (default 2)

        Example:
          extractor train confusion --out src/Extractor/Resources/cleanup/confusion.tsv
        """;

    public int Run(Arguments args)
    {
        if (args.Positional.Count == 0 || args.Positional[0] != "confusion") throw new UsageException("say what to train: confusion");
        string? outPath = args.Option("out");
        int minCount = args.IntOption("min-count", 2);
        args.RejectUnknown();
        if (args.Positional.Count > 2) throw new UsageException("give at most one BENCH_DIR");
        string set = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!CleanupBenchmark.IsSet(set) && !File.Exists(set)) throw new UsageException($"{set}: not a benchmark set (ID.ocr.txt + ID.gold.txt, or ocr.txt + gold.txt)");

        var counter = new ConfusionCounter();
        foreach (var pair in CleanupBenchmark.Read(set)) counter.Add(pair.Ocr, pair.Gold);
        var result = counter.Result(minCount);
        string name = CleanupBenchmark.NameOf(set);
        var header = new[]
        {
            "OCR character confusion counts: how often OCR read 'observed' where the text had 'intended'.",
            "Lines with observed = intended count correct readings, so P(observed | intended) = count / sum over observed.",
            $"Made by: extractor train confusion {name} --min-count {minCount}   on {DateTime.UtcNow:yyyy-MM-dd}",
            $"Corpus: {counter.Documents} documents of {name} (OCR of scanned pages vs gold text, normalized: NFC, whitespace folded),",
            "aligned by words then characters; edits of 1-2 characters inside words, lone insertions/deletions with a neighbour.",
            "Source texts: MACCROBAT corpus (Caufield et al., CC BY 4.0, doi:10.6084/m9.figshare.9764942); these are derived counts only.",
        };
        if (outPath is null) ConfusionTable.Write(Console.Out, header, result);
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            using var w = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false));
            ConfusionTable.Write(w, header, result);
            Console.Error.WriteLine($"{result.Count(c => c.Observed != c.Intended)} confusions, {result.Count(c => c.Observed == c.Intended)} correct-reading counts from {counter.Documents} documents -> {outPath}");
        }
        return ExitCodes.Ok;
    }
}
