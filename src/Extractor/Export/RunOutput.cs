using Extractor.Extraction;

namespace Extractor.Export;

/// <summary>
/// The files of one run in an output folder: the CSV tables and one cleaned text per document.
/// Everything is written to temporary files and renamed into place on <see cref="Commit"/>, so a killed run
/// leaves complete files or none.
/// </summary>
public sealed class RunOutput : IDisposable
{
    public static readonly string[] TableNames =
        ["documents", "corrections", "medications", "trial_arms", "outcomes", "adverse_events", "staging", "findings", "errors"];

    private readonly string _dir;
    private readonly CsvOptions _csv;
    private readonly Dictionary<string, (string TempPath, StreamWriter Writer)> _tables = new();
    private bool _committed;

    public RunOutput(string directory, CsvOptions csv)
    {
        _dir = Path.GetFullPath(directory);
        _csv = csv;
        Directory.CreateDirectory(_dir);
        Open<DocumentInfo>("documents");
        Open<CorrectionRow>("corrections");
        Open<Medication>("medications");
        Open<TrialArm>("trial_arms");
        Open<Outcome>("outcomes");
        Open<AdverseEvent>("adverse_events");
        Open<Staging>("staging");
        Open<Finding>("findings");
        Open<ErrorRow>("errors");
    }

    private void Open<T>(string name)
    {
        string temp = Path.Combine(_dir, $".{name}.csv.{Environment.ProcessId}.tmp");
        var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false));
        CsvExport.Write<T>(writer, [], _csv, header: true);
        _tables[name] = (temp, writer);
    }

    private void Append<T>(string name, IEnumerable<T> rows) => CsvExport.Write(_tables[name].Writer, rows, _csv, header: false);

    public void Add(DocumentResult r)
    {
        var id = r.Info.DocumentId;
        WriteAtomic(SafePath($"{id}.clean.txt"), r.Cleanup.Text);
        Append("documents", [r.Info]);
        Append("corrections", r.Cleanup.Corrections.Select(c => new CorrectionRow
        {
            DocumentId = id, Start = c.Start, End = c.End, Original = c.Original, Corrected = c.Corrected, Kind = c.Kind,
            Confidence = Math.Round(c.Confidence, 3), Applied = c.Applied, Page = r.Source.PageAt(c.Start), Reason = c.Reason,
        }));
        Append("medications", r.Medications);
        Append("trial_arms", r.TrialArms);
        Append("outcomes", r.Outcomes);
        Append("adverse_events", r.AdverseEvents);
        Append("staging", r.Staging);
        Append("findings", r.Findings);
    }

    public void AddError(ErrorRow error) => Append("errors", [error]);

    /// <summary>A path inside the output folder for a file name; never escapes the folder.</summary>
    public string SafePath(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (string.IsNullOrWhiteSpace(name) || name is "." or "..") name = "_";
        var full = Path.GetFullPath(Path.Combine(_dir, name));
        if (!full.StartsWith(_dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new IOException($"output path escapes the output folder: {fileName}");
        return full;
    }

    public static void WriteAtomic(string path, string content)
    {
        string temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, content, new System.Text.UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    public void Commit()
    {
        foreach (var (name, (temp, writer)) in _tables)
        {
            writer.Flush();
            writer.Dispose();
            File.Move(temp, Path.Combine(_dir, name + ".csv"), overwrite: true);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        foreach (var (_, (temp, writer)) in _tables)
        {
            writer.Dispose();
            try { File.Delete(temp); } catch (IOException) { }
        }
    }
}
