using System.Globalization;
using System.Text;
using Extractor.Export;
using Extractor.Extraction;

namespace Extractor.Review;

/// <summary>A row of OUT/corrections.review.csv: a correction as logged plus what the reviewer decided.</summary>
[CsvHelper.CsvRecord]
public sealed partial record CorrectionReviewRow
{
    public string DocumentId { get; init; } = "";
    public int Start { get; init; }
    public int End { get; init; }
    public string Original { get; init; } = "";
    /// <summary>Editable: the text the correction puts in.</summary>
    public string Corrected { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Confidence { get; init; } = "";
    /// <summary>Editable: true to apply, false not to.</summary>
    public string Applied { get; init; } = "";
    /// <summary>Editable: accept, reject, or empty (then applied and corrected say what to do when changed).</summary>
    public string Decision { get; init; } = "";
    public int Page { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>What the cleanup did, to tell the reviewer's edits from its own values.</summary>
    public string MachineCorrected { get; init; } = "";
    public string MachineApplied { get; init; } = "";
}

/// <summary>
/// The reviewer's decisions on corrections, read from OUT/corrections.review.csv. A row counts as a decision when its
/// decision column is set or when applied or corrected differ from what the cleanup did (machine_applied,
/// machine_corrected); a row with no machine values is a correction the reviewer added.
/// </summary>
public sealed class ReviewBook
{
    public const string CorrectionsFile = "corrections.review.csv";

    private readonly Dictionary<string, List<ReviewDecision>> _byDocument;

    public ReviewBook(Dictionary<string, List<ReviewDecision>> byDocument) => _byDocument = byDocument;

    public static readonly ReviewBook Empty = new([]);

    public int Count => _byDocument.Values.Sum(l => l.Count);

    public IReadOnlyList<ReviewDecision> For(string documentId) => _byDocument.TryGetValue(documentId, out var l) ? l : [];

    /// <summary>A hash of the decisions, so a resumed run redoes its documents when a reviewer changed them.</summary>
    public string Fingerprint()
    {
        if (Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var (doc, list) in _byDocument.OrderBy(k => k.Key, StringComparer.Ordinal))
            foreach (var d in list) sb.Append(doc).Append('\u0001').Append(d).Append('\n');
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>Warnings about rows that could not be read (bad offsets, unknown decisions), one line each.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Reads OUT/corrections.review.csv; an absent file is an empty book.</summary>
    public static ReviewBook Load(string outDir)
    {
        string path = Path.Combine(outDir, CorrectionsFile);
        var byDoc = new Dictionary<string, List<ReviewDecision>>(StringComparer.Ordinal);
        var warnings = new List<string>();
        int line = 1;
        foreach (var row in ReviewTable.Read(path))
        {
            line++;
            string doc = row.Get("document_id");
            int? start = ReviewTable.Int(row.Get("start")), end = ReviewTable.Int(row.Get("end"));
            if (doc.Length == 0 || start is null || end is null) { if (row.Values.Any(v => v.Length > 0)) warnings.Add($"{CorrectionsFile} row {line}: no document_id, start or end; ignored"); continue; }
            string decision = row.Get("decision").Trim();
            bool? byDecision = decision.Length > 0 ? ReviewTable.Bool(decision) : null;
            if (decision.Length > 0 && byDecision is null) { warnings.Add($"{CorrectionsFile} row {line}: unknown decision '{decision}' (use accept or reject); ignored"); continue; }
            bool? applied = ReviewTable.Bool(row.Get("applied"));
            bool? machineApplied = ReviewTable.Bool(row.Get("machine_applied"));
            string corrected = row.Get("corrected"), machineCorrected = row.Get("machine_corrected");
            bool added = machineApplied is null; // no machine values: a row the reviewer wrote
            bool edited = applied is not null && applied != machineApplied || corrected != machineCorrected;
            if (byDecision is null && !edited) continue; // the cleanup's own choice, untouched
            bool apply = byDecision ?? applied ?? true;
            var d = new ReviewDecision(start.Value, end.Value, row.Get("original"), corrected, apply, decision) { Added = added };
            if (!byDoc.TryGetValue(doc, out var list)) byDoc[doc] = list = [];
            list.Add(d);
        }
        var book = new ReviewBook(byDoc);
        book.Warnings.AddRange(warnings);
        return book;
    }

    /// <summary>
    /// After a run: creates OUT/corrections.review.csv from OUT/corrections.csv when it does not exist; when it does,
    /// appends the rows of documents it does not mention yet and leaves every existing line as it is. Returns the
    /// number of rows written.
    /// </summary>
    public static int Sync(string outDir)
    {
        string review = Path.Combine(outDir, CorrectionsFile);
        string log = Path.Combine(outDir, "corrections.csv");
        if (!File.Exists(log)) return 0;
        bool exists = File.Exists(review);
        var known = exists ? ReviewTable.Read(review).Select(r => r.Get("document_id")).ToHashSet(StringComparer.Ordinal) : [];
        // Streamed from the table (any number of documents), never held in memory at once.
        IEnumerable<CorrectionReviewRow> NewRows() => ReviewTable.Read(log).Where(r => !known.Contains(r.Get("document_id"))).Select(r => new CorrectionReviewRow
        {
            DocumentId = r.Get("document_id"),
            Start = ReviewTable.Int(r.Get("start")) ?? 0,
            End = ReviewTable.Int(r.Get("end")) ?? 0,
            Original = r.Get("original"),
            Corrected = r.Get("corrected"),
            Kind = r.Get("kind"),
            Confidence = r.Get("confidence"),
            Applied = r.Get("applied"),
            Page = ReviewTable.Int(r.Get("page")) ?? 0,
            Reason = r.Get("reason"),
            MachineCorrected = r.Get("corrected"),
            MachineApplied = r.Get("applied"),
        });
        if (exists)
        {
            if (!NewRows().Any()) return 0;
            // Append only, and only to a file that still has our columns in our order (a spreadsheet may have reordered them).
            string header;
            using (var r = new StreamReader(review, Encoding.UTF8)) header = (r.ReadLine() ?? "").Trim().TrimStart('\uFEFF');
            if (header != CsvExport.Header<CorrectionReviewRow>()) return 0;
        }
        int count = 0;
        ReviewFiles.WriteOrAppendAtomic(review, exists, w => CsvExport.Write(w, NewRows().Select(r => { count++; return r; }), CsvOptions.Default, header: !exists));
        return count;
    }
}

/// <summary>Writing review files so that a run killed at any moment leaves each complete (old or new), never half-written.</summary>
internal static class ReviewFiles
{
    /// <summary>
    /// Creates <paramref name="path"/> (when <paramref name="exists"/> is false; never replacing a file someone created
    /// meanwhile) or appends to it, through a hidden temporary file beside it (a copy of its bytes, a line end if its
    /// editor left none, then what <paramref name="write"/> writes) renamed over it. Leftover temporary files end in
    /// ".extractor-tmp" and are deleted by the next run.
    /// </summary>
    public static void WriteOrAppendAtomic(string path, bool exists, Action<TextWriter> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.extractor-tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                bool needsNewline = false;
                if (exists)
                {
                    using var old = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
                    if (old.Length > 0)
                    {
                        old.CopyTo(fs);
                        old.Seek(-1, SeekOrigin.End);
                        needsNewline = old.ReadByte() is not ('\n' or '\r');
                    }
                }
                using var w = new StreamWriter(fs, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                if (needsNewline) w.Write('\n');
                write(w);
                w.Flush();
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: exists);
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
