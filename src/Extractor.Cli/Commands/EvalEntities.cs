using System.Diagnostics;
using System.Globalization;
using Extractor.Core;
using Extractor.Evaluation;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>`extractor eval entities`: see <see cref="EvalCommand"/>.</summary>
internal static class EvalEntities
{
    public static int Run(Arguments args)
    {
        bool details = args.Flag("details");
        bool goldOnly = args.Flag("gold-only");
        bool ocrOnly = args.Flag("ocr-only");
        int limit = args.IntOption("limit", 15);
        args.RejectUnknown();
        if (goldOnly && ocrOnly) throw new UsageException("--gold-only and --ocr-only exclude each other");
        if (args.Positional.Count > 2) throw new UsageException("give at most one BENCH_DIR");
        string set = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!Directory.Exists(set)) throw new UsageException($"{set}: no such folder");
        var ids = Directory.EnumerateFiles(set, "*.ann").Select(f => Path.GetFileName(f)[..^4])
            .Where(id => File.Exists(Path.Combine(set, id + ".gold.txt"))).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) throw new UsageException($"{set}: no ID.ann + ID.gold.txt files");

        var pipeline = DocumentPipeline.CreateDefault();
        Console.WriteLine($"pipeline: {pipeline.Cleaner.GetType().Name} + {string.Join(", ", pipeline.Extractors.Select(e => e.GetType().Name))}; {ids.Count} documents in {set}");
        foreach (bool ocr in goldOnly ? [false] : ocrOnly ? new[] { true } : [false, true])
        {
            var watch = Stopwatch.StartNew();
            var totals = new Dictionary<string, TypeScore>();
            var errors = details ? new List<EntityError>() : null;
            int done = 0, failed = 0;
            foreach (var id in ids)
            {
                string goldText = File.ReadAllText(Path.Combine(set, id + ".gold.txt"));
                string ocrPath = Path.Combine(set, id + ".ocr.txt");
                if (ocr && !File.Exists(ocrPath)) continue;
                string text = ocr ? File.ReadAllText(ocrPath) : goldText;
                var gold = EntityEvaluator.GoldMentions(Brat.Parse(File.ReadAllText(Path.Combine(set, id + ".ann")), goldText));
                List<PredictedMention> predicted;
                try
                {
                    var result = pipeline.Process(new SourceDocument { DocumentId = id, SourcePath = ocr ? ocrPath : Path.Combine(set, id + ".gold.txt"), Text = text });
                    predicted = EntityEvaluator.Predictions(result);
                    if (ocr) predicted = EntityEvaluator.MapToGold(predicted, text, goldText);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failed++;
                    var at = ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Extractor."))?.Trim() ?? "";
                    Console.Error.WriteLine($"  {id}: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} {at}");
                    predicted = [];
                }
                foreach (var (type, s) in EntityEvaluator.Score(id, goldText, gold, predicted, errors))
                    totals[type] = totals.TryGetValue(type, out var t) ? t + s : s;
                done++;
            }
            Print(ocr ? "OCR text (offsets mapped to gold)" : "gold text", totals, done, failed, watch.Elapsed.TotalSeconds);
            if (errors is not null) PrintErrors(errors, limit);
        }
        return ExitCodes.Ok;
    }

    private static void Print(string title, Dictionary<string, TypeScore> totals, int docs, int failed, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{title}: {docs} documents{(failed > 0 ? $" ({failed} failed)" : "")}, {seconds:0.0} s"));
        Console.WriteLine("  type          gold  found   pred  right      P      R     F1");
        foreach (var type in EntityEvaluator.Types.Append(EntityEvaluator.Negation))
        {
            var s = totals.GetValueOrDefault(type) ?? new TypeScore(type, 0, 0, 0, 0);
            Console.WriteLine(string.Create(inv, $"  {type,-11} {s.Gold,6} {s.Found,6} {s.Predicted,6} {s.Right,6}  {s.Precision,5:0.000}  {s.Recall,5:0.000}  {s.F1,5:0.000}"));
        }
        foreach (var (type, holder) in EntityEvaluator.HeldBy)
            if (totals.GetValueOrDefault(type) is { Unscored: > 0 } u)
                Console.WriteLine(string.Create(inv, $"  {type}: {u.Unscored} predictions inside a gold {holder} not scored; counted wrong: P {u.Strict.Precision:0.000} F1 {u.Strict.F1:0.000}"));
        double macro = EntityEvaluator.Types.Average(t => totals.GetValueOrDefault(t)?.F1 ?? 0);
        Console.WriteLine(string.Create(inv, $"  macro F1 over the six types: {macro:0.000}   (Medication F1 {totals.GetValueOrDefault("Medication")?.F1 ?? 0:0.000}, Dosage F1 {totals.GetValueOrDefault("Dosage")?.F1 ?? 0:0.000})"));
        if (EntityEvaluator.Types.Any(t => totals.GetValueOrDefault(t)?.Unscored > 0))
            Console.WriteLine(string.Create(inv, $"  macro F1 with unscored predictions counted wrong: {EntityEvaluator.Types.Average(t => totals.GetValueOrDefault(t)?.Strict.F1 ?? 0):0.000}"));
    }

    private static void PrintErrors(List<EntityError> errors, int limit)
    {
        foreach (var type in EntityEvaluator.Types.Append(EntityEvaluator.Negation))
            foreach (bool missed in new[] { true, false })
            {
                var list = errors.Where(e => e.Type == type && e.Missed == missed).ToList();
                if (list.Count == 0) continue;
                Console.WriteLine($"  {type} {(missed ? "missed" : "wrong")}: {list.Count}");
                foreach (var e in list.Take(limit)) Console.WriteLine($"    {e.DocumentId}: '{e.Text}'   {e.Context}");
            }
    }
}
