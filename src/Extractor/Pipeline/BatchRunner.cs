using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;

namespace Extractor.Pipeline;

public sealed record BatchOptions
{
    public required string OutputDirectory { get; init; }
    public CsvOptions Csv { get; init; } = CsvOptions.Default;
    /// <summary>Called after each document, done or failed.</summary>
    public Action<BatchProgress>? OnProgress { get; init; }
}

public readonly record struct BatchProgress(int Done, int Total, string DocumentId, string? Error);

public sealed record BatchSummary(int Documents, int Failed, int Pages, int Corrections, int Facts, TimeSpan Elapsed);

/// <summary>Runs the pipeline over many inputs: one bad document is logged to errors.csv and the batch goes on.</summary>
public sealed class BatchRunner(DocumentPipeline pipeline, InputReader reader)
{
    public BatchSummary Run(IReadOnlyList<string> inputs, BatchOptions options)
    {
        var started = DateTime.UtcNow;
        var items = InputExpander.Expand(inputs, out var inputErrors);
        using var output = new RunOutput(options.OutputDirectory, options.Csv);
        foreach (var e in inputErrors) output.AddError(e);
        int done = 0, failed = inputErrors.Count, pages = 0, corrections = 0, facts = 0;
        foreach (var item in items)
        {
            string stage = "read";
            try
            {
                var source = reader.Read(item.Path, item.DocumentId);
                stage = "process";
                var result = pipeline.Process(source);
                stage = "write";
                output.Add(result);
                pages += result.Info.Pages;
                corrections += result.Info.CorrectionsApplied;
                facts += result.Medications.Count + result.TrialArms.Count + result.Outcomes.Count + result.AdverseEvents.Count + result.Staging.Count + result.Findings.Count;
                options.OnProgress?.Invoke(new BatchProgress(++done, items.Count, item.DocumentId, null));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failed++;
                var row = new ErrorRow { DocumentId = item.DocumentId, SourcePath = item.Path, Stage = stage, Error = OneLine(ex) };
                output.AddError(row);
                options.OnProgress?.Invoke(new BatchProgress(++done, items.Count, item.DocumentId, row.Error));
            }
        }
        output.Commit();
        return new BatchSummary(items.Count + inputErrors.Count, failed, pages, corrections, facts, DateTime.UtcNow - started);
    }

    public static string OneLine(Exception ex)
    {
        var msg = ex is InputException or IOException or UnauthorizedAccessException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return msg.ReplaceLineEndings(" ");
    }
}

public sealed record InputItem(string Path, string DocumentId);

/// <summary>Expands files and folders into input items with unique document ids.</summary>
public static class InputExpander
{
    public static List<InputItem> Expand(IEnumerable<string> inputs, out List<ErrorRow> errors)
    {
        errors = [];
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            else if (File.Exists(input))
                files.Add(input);
            else
                errors.Add(new ErrorRow { DocumentId = DocumentIdOf(input), SourcePath = input, Stage = "read", Error = "no such file or folder" });
        }
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<InputItem>(files.Count);
        foreach (var f in files)
        {
            string id = DocumentIdOf(f), unique = id;
            for (int n = 2; !used.Add(unique); n++) unique = $"{id}-{n}";
            items.Add(new InputItem(f, unique));
        }
        return items;
    }

    /// <summary>The file name up to its first dot, reduced to characters safe in a file name.</summary>
    public static string DocumentIdOf(string path)
    {
        var name = Path.GetFileName(path.TrimEnd('/', '\\'));
        int dot = name.IndexOf('.');
        if (dot > 0) name = name[..dot];
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return string.IsNullOrEmpty(safe) ? "document" : safe;
    }
}
