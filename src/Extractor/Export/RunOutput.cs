using System.Text;
using Extractor.Extraction;

namespace Extractor.Export;

/// <summary>
/// The files of one run in an output folder: the CSV tables and one cleaned text per document.
/// <para>
/// Each finished document is first written as a part file in the hidden work folder <c>.extractor/parts/</c>
/// (its rows for every table, already formatted, plus its input's content hash), written to a temporary name and
/// renamed, so a part is complete or absent. <see cref="Commit(IEnumerable{OrderEntry})"/> concatenates the parts
/// in input order into temporary tables, flushes them to disk and renames each into place: a run killed at any
/// moment leaves every table complete (this run's or the previous one's) or absent. A resumed run reuses the
/// parts whose input and settings are unchanged, so it writes the same bytes an uninterrupted run writes.
/// Memory stays bounded: nothing of a document is kept after its part is written.
/// </para>
/// </summary>
public sealed class RunOutput : IDisposable
{
    public static readonly string[] TableNames =
        ["documents", "corrections", "medications", "trial_arms", "outcomes", "adverse_events", "staging", "findings", "errors"];

    public const string WorkFolderName = ".extractor";
    private const string TempSuffix = ".extractor-tmp";
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly string _dir;
    private readonly CsvOptions _csv;
    private readonly string _fingerprint;
    private readonly FileStream _lock;
    private readonly List<OrderEntry> _order = []; // for Add/AddError callers that commit in call order
    private bool _disposed;

    /// <summary>One position in the tables: a document id whose part is merged, or an error known without reading.</summary>
    public readonly record struct OrderEntry(string DocumentId, ErrorRow? Error = null);

    public string Directory => _dir;
    public string PartsDirectory { get; }

    /// <param name="fingerprint">What else decides a document's rows (program build, limits): parts made under another fingerprint are not reused.</param>
    /// <param name="resume">Keep the parts of an earlier run for <see cref="TryResume"/>; otherwise they are deleted.</param>
    public RunOutput(string directory, CsvOptions csv, string fingerprint = "", bool resume = false)
    {
        _dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        _csv = csv;
        _fingerprint = $"part-format=2;csv-escape={(csv.NeutralizeFormulas ? 1 : 0)};{fingerprint}";
        PartsDirectory = Path.Combine(_dir, WorkFolderName, "parts");
        System.IO.Directory.CreateDirectory(PartsDirectory);
        try
        {
            _lock = new FileStream(Path.Combine(_dir, WorkFolderName, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new IOException($"another extractor run is writing to {_dir} ({ex.Message})", ex);
        }
        foreach (var temp in System.IO.Directory.EnumerateFiles(_dir, "*" + TempSuffix).Concat(System.IO.Directory.EnumerateFiles(PartsDirectory, "*" + TempSuffix)))
            TryDelete(temp); // left by a killed run
        if (!resume)
            foreach (var part in System.IO.Directory.EnumerateFiles(PartsDirectory, "*.part")) TryDelete(part);
    }

    // ---- documents -------------------------------------------------------------------------------------------

    /// <summary>Writes a finished document: its cleaned text, then its part (the part's presence means both are complete).</summary>
    public DocumentPart Write(DocumentResult r)
    {
        var id = r.Info.DocumentId;
        var clean = Utf8.GetBytes(r.Cleanup.Text);
        WriteAtomic(SafePath($"{id}.clean.txt"), clean);
        var part = DocumentPart.From(r, _csv, _fingerprint, clean.Length);
        WriteAtomic(PartPath(id), part.ToBytes());
        return part;
    }

    /// <summary>Writes a failed document's error row. A transient failure (I/O, missing file) is retried by a resumed run.</summary>
    public DocumentPart WriteFailure(ErrorRow error, string contentHash, bool transient)
    {
        TryDelete(SafePath($"{error.DocumentId}.clean.txt")); // from an earlier run, when the input was still good
        var part = DocumentPart.Failure(error, contentHash, _csv, _fingerprint, transient);
        WriteAtomic(PartPath(error.DocumentId), part.ToBytes());
        return part;
    }

    /// <summary>The part of an earlier run for this document when it can stand for processing it again: same input
    /// path and content hash, same settings, not a transient failure, its cleaned text still present.</summary>
    /// <param name="sideFiles">files (relative to the output folder) the document must also still have, e.g. its review page and hOCR</param>
    public DocumentPart? TryResume(string documentId, string sourcePath, string contentHash, Func<DocumentPart, IEnumerable<string>>? sideFiles = null)
    {
        var path = PartPath(documentId);
        if (!File.Exists(path)) return null;
        DocumentPart part;
        try { part = DocumentPart.Parse(File.ReadAllBytes(path)); }
        catch (Exception ex) when (ex is FormatException or IOException) { return null; }
        if (part.DocumentId != documentId || part.SourcePath != sourcePath || part.ContentHash != contentHash || part.Fingerprint != _fingerprint || part.Transient)
            return null;
        if (!part.Failed)
        {
            var clean = new FileInfo(SafePath($"{documentId}.clean.txt"));
            if (!clean.Exists || clean.Length != part.CleanBytes) return null;
            foreach (var side in sideFiles?.Invoke(part) ?? [])
                if (!File.Exists(Path.Combine(_dir, side))) return null;
        }
        return part;
    }

    private string PartPath(string documentId) => Path.Combine(PartsDirectory, OutputNames.SafeId(documentId) + ".part");

    // ---- the call-order interface (single documents, tools) --------------------------------------------------

    public void Add(DocumentResult r)
    {
        Write(r);
        lock (_order) _order.Add(new OrderEntry(r.Info.DocumentId));
    }

    public void AddError(ErrorRow error)
    {
        lock (_order) _order.Add(new OrderEntry(error.DocumentId, error));
    }

    public void Commit()
    {
        List<OrderEntry> order;
        lock (_order) order = [.. _order];
        Commit(order);
    }

    // ---- merge -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Writes every table: header, then each entry's rows in the given order (entries without a part, such as
    /// documents an interrupted run never reached, are left out), flushed to disk and renamed into place.
    /// </summary>
    public void Commit(IEnumerable<OrderEntry> order)
    {
        var temps = new Dictionary<string, (string Temp, FileStream Stream)>();
        try
        {
            foreach (var name in TableNames)
            {
                string temp = Path.Combine(_dir, $".{name}.csv.{Environment.ProcessId}{TempSuffix}");
                var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                fs.Write(Utf8.GetBytes(HeaderOf(name) + "\n"));
                temps[name] = (temp, fs);
            }
            foreach (var entry in order)
            {
                if (entry.Error is { } error)
                {
                    temps["errors"].Stream.Write(Format([error], _csv));
                    continue;
                }
                var path = PartPath(entry.DocumentId);
                if (!File.Exists(path)) continue;
                var part = DocumentPart.Parse(File.ReadAllBytes(path));
                foreach (var (table, bytes) in part.Tables) temps[table].Stream.Write(bytes);
            }
            foreach (var (_, (_, fs)) in temps) { fs.Flush(flushToDisk: true); fs.Dispose(); }
            foreach (var name in TableNames) File.Move(temps[name].Temp, Path.Combine(_dir, name + ".csv"), overwrite: true);
            temps.Clear();
        }
        finally
        {
            foreach (var (_, (temp, fs)) in temps) { fs.Dispose(); TryDelete(temp); }
        }
    }

    public static string HeaderOf(string table) => table switch
    {
        "documents" => CsvExport.Header<DocumentInfo>(),
        "corrections" => CsvExport.Header<CorrectionRow>(),
        "medications" => CsvExport.Header<Medication>(),
        "trial_arms" => CsvExport.Header<TrialArm>(),
        "outcomes" => CsvExport.Header<Outcome>(),
        "adverse_events" => CsvExport.Header<AdverseEvent>(),
        "staging" => CsvExport.Header<Staging>(),
        "findings" => CsvExport.Header<Finding>(),
        "errors" => CsvExport.Header<ErrorRow>(),
        _ => throw new ArgumentException($"unknown table {table}"),
    };

    internal static byte[] Format<T>(IEnumerable<T> rows, CsvOptions csv)
    {
        using var sw = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        CsvExport.Write(sw, rows, csv, header: false);
        return Utf8.GetBytes(sw.ToString());
    }

    // ---- paths and atomic files ------------------------------------------------------------------------------

    /// <summary>A path inside the output folder for a file name; never escapes the folder (checked after resolving).</summary>
    public string SafePath(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name) || name is "." or "..") name = "_";
        var full = Path.GetFullPath(Path.Combine(_dir, name));
        if (!full.StartsWith(_dir + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetDirectoryName(full) != _dir)
            throw new IOException($"output path escapes the output folder: {fileName}");
        return full;
    }

    public static void WriteAtomic(string path, string content) => WriteAtomic(path, Utf8.GetBytes(content));

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void WriteAtomic(string path, byte[] content)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}{TempSuffix}");
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lock.Dispose();
    }
}

/// <summary>
/// One document's share of every table, formatted as CSV rows, with what a resumed run needs to trust it.
/// Format: a line "extractor-part 2", "key\tvalue" lines, a blank line, then per table "name\tbyte-count" and the
/// bytes, then "end". Values escape %, tab and line breaks as %25, %09, %0A, %0D.
/// </summary>
public sealed record DocumentPart
{
    public required string DocumentId { get; init; }
    public string SourcePath { get; init; } = "";
    public string ContentHash { get; init; } = "";
    public string Fingerprint { get; init; } = "";
    public bool Failed { get; init; }
    public bool Transient { get; init; }
    public string Reason { get; init; } = "";
    public string Error { get; init; } = "";
    public int Pages { get; init; }
    public int Corrections { get; init; }
    public int Facts { get; init; }
    public long CleanBytes { get; init; }
    /// <summary>The document has OCR words (so --hocr writes a &lt;document_id&gt;.hocr for it).</summary>
    public bool HasWords { get; init; }
    public IReadOnlyList<(string Table, byte[] Bytes)> Tables { get; init; } = [];

    private const string Magic = "extractor-part 2";

    public static DocumentPart From(DocumentResult r, CsvOptions csv, string fingerprint, long cleanBytes)
    {
        var id = r.Info.DocumentId;
        var corrections = r.Cleanup.Corrections.Select(c => new CorrectionRow
        {
            DocumentId = id, Start = c.Start, End = c.End, Original = c.Original, Corrected = c.Corrected, Kind = c.Kind,
            Confidence = Math.Round(c.Confidence, 3), Applied = c.Applied, Page = r.Source.PageAt(c.Start), Reason = c.Reason,
            EvidenceBox = Ocr.EvidenceBoxes.Box(r.Source, c.Start, c.End),
        });
        return new DocumentPart
        {
            DocumentId = id,
            SourcePath = r.Info.SourcePath,
            ContentHash = r.Info.ContentHash,
            Fingerprint = fingerprint,
            Pages = r.Info.Pages,
            Corrections = r.Info.CorrectionsApplied,
            Facts = r.Medications.Count + r.TrialArms.Count + r.Outcomes.Count + r.AdverseEvents.Count + r.Staging.Count + r.Findings.Count,
            CleanBytes = cleanBytes,
            HasWords = r.Source.Words.Count > 0,
            Tables =
            [
                ("documents", RunOutput.Format([r.Info], csv)),
                ("corrections", RunOutput.Format(corrections, csv)),
                ("medications", RunOutput.Format(r.Medications, csv)),
                ("trial_arms", RunOutput.Format(r.TrialArms, csv)),
                ("outcomes", RunOutput.Format(r.Outcomes, csv)),
                ("adverse_events", RunOutput.Format(r.AdverseEvents, csv)),
                ("staging", RunOutput.Format(r.Staging, csv)),
                ("findings", RunOutput.Format(r.Findings, csv)),
            ],
        };
    }

    public static DocumentPart Failure(ErrorRow error, string contentHash, CsvOptions csv, string fingerprint, bool transient) => new()
    {
        DocumentId = error.DocumentId,
        SourcePath = error.SourcePath,
        ContentHash = contentHash,
        Fingerprint = fingerprint,
        Failed = true,
        Transient = transient,
        Reason = error.Reason,
        Error = error.Error,
        Tables = [("errors", RunOutput.Format([error], csv))],
    };

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        void Line(string s) => ms.Write(Encoding.UTF8.GetBytes(s + "\n"));
        Line(Magic);
        Line($"document_id\t{Escape(DocumentId)}");
        Line($"source_path\t{Escape(SourcePath)}");
        Line($"content_hash\t{Escape(ContentHash)}");
        Line($"fingerprint\t{Escape(Fingerprint)}");
        Line($"failed\t{(Failed ? 1 : 0)}");
        Line($"transient\t{(Transient ? 1 : 0)}");
        Line($"reason\t{Escape(Reason)}");
        Line($"error\t{Escape(Error)}");
        Line($"pages\t{Pages}");
        Line($"corrections\t{Corrections}");
        Line($"facts\t{Facts}");
        Line($"clean_bytes\t{CleanBytes}");
        Line($"has_words\t{(HasWords ? 1 : 0)}");
        Line("");
        foreach (var (table, bytes) in Tables)
        {
            Line($"{table}\t{bytes.Length}");
            ms.Write(bytes);
        }
        Line("end");
        return ms.ToArray();
    }

    /// <summary>Parses a part; throws <see cref="FormatException"/> for anything incomplete or altered.</summary>
    public static DocumentPart Parse(byte[] data)
    {
        int pos = 0;
        string ReadLine()
        {
            int nl = Array.IndexOf(data, (byte)'\n', pos);
            if (nl < 0) throw new FormatException("part file cut short");
            var s = Encoding.UTF8.GetString(data, pos, nl - pos);
            pos = nl + 1;
            return s;
        }
        if (ReadLine() != Magic) throw new FormatException("not a part file");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (string line; (line = ReadLine()).Length > 0;)
        {
            int tab = line.IndexOf('\t');
            if (tab < 0) throw new FormatException("bad part header line");
            fields[line[..tab]] = Unescape(line[(tab + 1)..]);
        }
        var tables = new List<(string, byte[])>();
        while (true)
        {
            var line = ReadLine();
            if (line == "end") break;
            int tab = line.IndexOf('\t');
            if (tab < 0 || !int.TryParse(line[(tab + 1)..], out int length) || length < 0 || pos + length > data.Length) throw new FormatException("bad part section");
            tables.Add((line[..tab], data[pos..(pos + length)]));
            pos += length;
        }
        if (pos != data.Length) throw new FormatException("bytes after the end of a part");
        string F(string key) => fields.TryGetValue(key, out var v) ? v : throw new FormatException($"part lacks {key}");
        return new DocumentPart
        {
            DocumentId = F("document_id"),
            SourcePath = F("source_path"),
            ContentHash = F("content_hash"),
            Fingerprint = F("fingerprint"),
            Failed = F("failed") == "1",
            Transient = F("transient") == "1",
            Reason = F("reason"),
            Error = F("error"),
            Pages = int.Parse(F("pages")),
            Corrections = int.Parse(F("corrections")),
            Facts = int.Parse(F("facts")),
            CleanBytes = long.Parse(F("clean_bytes")),
            HasWords = F("has_words") == "1",
            Tables = tables,
        };
    }

    private static string Escape(string s) => s.Replace("%", "%25").Replace("\t", "%09").Replace("\n", "%0A").Replace("\r", "%0D");
    private static string Unescape(string s) => s.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%09", "\t").Replace("%25", "%");
}

/// <summary>File names derived from document ids.</summary>
public static class OutputNames
{
    public const int MaxIdBytes = 100;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$",
    };

    /// <summary>
    /// A document id that is a safe file name on Linux, macOS and Windows: letters and digits of any script, '-'
    /// and '_' kept, every other character '_' (so no '/', '\', '.', ':' or control character); Windows device names
    /// (CON, NUL, COM1, ...) get a leading '_', a leading '-' becomes '_'; at most <see cref="MaxIdBytes"/> UTF-8 bytes, a longer name cut and
    /// ended with '-' and 8 hex digits of its SHA-256 so different long names stay different; "document" if empty.
    /// </summary>
    public static string SafeId(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsLetterOrDigit(c) && !char.IsSurrogate(c) || c is '-' or '_' ? c : '_');
        var safe = sb.ToString();
        if (safe.Length == 0) return "document";
        if (safe[0] == '-') safe = "_" + safe[1..]; // never an option to a shell tool, never a cell a spreadsheet would run
        if (Reserved.Contains(safe)) safe = "_" + safe;
        if (Encoding.UTF8.GetByteCount(safe) > MaxIdBytes)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
            int keep = safe.Length;
            while (Encoding.UTF8.GetByteCount(safe.AsSpan(0, keep)) > MaxIdBytes - 9) keep--;
            safe = safe[..keep] + "-" + hash;
        }
        return safe;
    }
}
