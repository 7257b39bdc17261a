using System.Globalization;
using System.Reflection;
using System.Text;
using CsvHelper;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Language;

namespace Extractor.Review;

/// <summary>
/// One reviewer decision on an extracted row: reject it, fix its values, or add a row the extractors missed. The row is
/// found again by document, kind, its input span and the input text there (<see cref="SourceText"/>), then among the
/// rows with that span by the values the reviewer left as the machine wrote them (<see cref="Ordinal"/> breaks ties).
/// </summary>
public sealed record FactDecision(string Kind, string Decision, int SourceStart, int SourceEnd, int Ordinal, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The input text at [SourceStart, SourceEnd) when the row was written to the review file; empty when unknown.</summary>
    public string SourceText { get; init; } = "";
}

/// <summary>
/// Reviewer decisions on facts, read from OUT/&lt;kind&gt;.review.csv (medications, trial_arms, outcomes, adverse_events,
/// staging, findings): a copy of &lt;kind&gt;.csv plus <c>source_text</c> (the input text of the row's span) and a decision
/// column. <c>reject</c> drops the row, <c>fix</c> replaces its values with the row's (offsets, page, evidence and
/// document stay the machine's: provenance is not editable), <c>add</c> adds the row as written. A decided row is
/// found again by document, source span and source text; when the input text moved (an edited or re-scanned input)
/// the nearest place that still reads the source text is taken; among rows with the same span the one whose values
/// agree most with the review row. The cleaned-text offsets are never part of the key, so a correction rejected or
/// accepted elsewhere in the document does not lose a decision.
/// </summary>
public sealed class FactReviewBook
{
    public static readonly string[] Kinds = ["medications", "trial_arms", "outcomes", "adverse_events", "staging", "findings"];

    public static string FileOf(string kind) => kind + ".review.csv";

    private readonly Dictionary<(string Kind, string Document), List<FactDecision>> _decisions;
    public List<string> Warnings { get; } = [];

    /// <summary>Decisions that no longer fit the text, noted while documents run (worker threads).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Notes { get; } = new();

    private FactReviewBook(Dictionary<(string, string), List<FactDecision>> decisions) => _decisions = decisions;

    public static readonly FactReviewBook Empty = new([]);

    public int Count => _decisions.Values.Sum(l => l.Count);

    public IReadOnlyList<FactDecision> For(string kind, string documentId) => _decisions.TryGetValue((kind, documentId), out var l) ? l : [];

    public static FactReviewBook Load(string outDir)
    {
        var all = new Dictionary<(string, string), List<FactDecision>>();
        var warnings = new List<string>();
        foreach (var kind in Kinds)
        {
            var rank = new Dictionary<(string, int, int), int>();
            int line = 1;
            foreach (var row in ReviewTable.Read(Path.Combine(outDir, FileOf(kind))))
            {
                line++;
                string doc = row.Get("document_id"), decision = row.Get("decision").Trim().ToLowerInvariant();
                int ss = ReviewTable.Int(row.Get("source_start")) ?? -1, se = ReviewTable.Int(row.Get("source_end")) ?? -1;
                int ordinal = 0;
                if (decision != "add")
                {
                    rank.TryGetValue((doc, ss, se), out ordinal);
                    rank[(doc, ss, se)] = ordinal + 1;
                }
                if (decision.Length == 0) continue;
                if (decision is not ("reject" or "fix" or "add")) { warnings.Add($"{FileOf(kind)} row {line}: unknown decision '{decision}' (use reject, fix or add); ignored"); continue; }
                if (doc.Length == 0) { warnings.Add($"{FileOf(kind)} row {line}: no document_id; ignored"); continue; }
                if (!all.TryGetValue((kind, doc), out var list)) all[(kind, doc)] = list = [];
                list.Add(new FactDecision(kind, decision, ss, se, ordinal, row) { SourceText = row.Get("source_text") });
            }
        }
        var book = new FactReviewBook(all);
        book.Warnings.AddRange(warnings);
        return book;
    }

    /// <summary>A hash of the decisions, so a resumed run redoes its documents when a reviewer changed them.</summary>
    public string Fingerprint()
    {
        if (Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var ((kind, doc), list) in _decisions.OrderBy(k => k.Key.Kind, StringComparer.Ordinal).ThenBy(k => k.Key.Document, StringComparer.Ordinal))
            foreach (var d in list)
                sb.Append(kind).Append('\u0001').Append(doc).Append('\u0001').Append(d.Decision).Append('\u0001').Append(string.Join('\u0002', d.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value))).Append('\n');
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>
    /// After a run: creates each OUT/&lt;kind&gt;.review.csv from OUT/&lt;kind&gt;.csv when absent; otherwise appends the rows of
    /// documents it does not mention yet, leaving the reviewer's lines as they are. Returns the rows written.
    /// </summary>
    public static int Sync(string outDir, Func<string, int, int, string?>? sourceText = null)
    {
        int written = 0;
        foreach (var kind in Kinds)
        {
            string csv = Path.Combine(outDir, kind + ".csv"), review = Path.Combine(outDir, FileOf(kind));
            if (!File.Exists(csv)) continue;
            string[] header;
            using (var r = new StreamReader(csv, Encoding.UTF8)) header = (r.ReadLine() ?? "").Split(',');
            if (header.Length < 2) continue;
            string reviewHeader = string.Join(',', header) + ",source_text,decision";
            bool exists = File.Exists(review);
            HashSet<string> known = [];
            if (exists)
            {
                using (var r = new StreamReader(review, Encoding.UTF8))
                    if ((r.ReadLine() ?? "").Trim().TrimStart('\uFEFF') != reviewHeader) continue; // reordered by a spreadsheet: leave it alone
                known = ReviewTable.Read(review).Select(x => x.Get("document_id")).ToHashSet(StringComparer.Ordinal);
            }
            IEnumerable<Dictionary<string, string>> NewRows() => ReviewTable.Read(csv).Where(x => !known.Contains(x.Get("document_id")));
            if (exists && !NewRows().Any()) continue;
            int count = 0;
            // Streamed from the table (any number of documents) into a temporary file renamed over the review file.
            ReviewFiles.WriteOrAppendAtomic(review, exists, tw =>
            {
                using var w = CsvWriter.Create(tw, CsvExport.WriterOptions(CsvOptions.Default), leaveOpen: true);
                if (!exists)
                {
                    foreach (var h in header) w.WriteField(h);
                    w.WriteField("source_text");
                    w.WriteField("decision");
                    w.EndRecord();
                }
                foreach (var row in NewRows())
                {
                    foreach (var h in header) w.WriteField(row.Get(h));
                    w.WriteField(ReviewTable.Int(row.Get("source_start")) is int a && ReviewTable.Int(row.Get("source_end")) is int b
                        ? sourceText?.Invoke(row.Get("document_id"), a, b) ?? "" : "");
                    w.WriteField("");
                    w.EndRecord();
                    count++;
                }
                w.Flush();
            });
            written += count;
        }
        return written;
    }
}

/// <summary>
/// The input text under each fact row's span, for the review files' source_text column. Saved per document in
/// OUT/.extractor/review-spans/ (written with the document's rows), so a resumed run, which does not read its
/// documents again, still knows them. With an output folder nothing is kept in memory but the last document read
/// back (the review files go through the tables document by document): a batch of 20,000 documents does not hold
/// 20,000 documents' spans. Without one (library use) they are kept in memory.
/// </summary>
public sealed class SourceSpans(string? outDir = null, string folderInOut = "")
{
    private readonly string? folder = outDir is null ? null : Path.Combine(outDir, folderInOut);

    /// <summary>The document's spans file, relative to the output folder.</summary>
    public string RelativeFileOf(string documentId) => Path.Combine(folderInOut, OutputNames.SafeId(documentId) + ".json");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<(int, int), string>> _byDocument = new(StringComparer.Ordinal);

    private string? FileOf(string documentId) => folder is null ? null : Path.Combine(folder, OutputNames.SafeId(documentId) + ".json");

    /// <summary>Keeps (and saves) the spans of a processed document's fact rows.</summary>
    public void Add(DocumentResult r)
    {
        var spans = new Dictionary<(int, int), string>();
        string text = r.Source.Text;
        void Take<T>(IEnumerable<T> rows)
        {
            var ss = typeof(T).GetProperty("SourceStart");
            var se = typeof(T).GetProperty("SourceEnd");
            if (ss is null || se is null) return;
            foreach (var row in rows)
                if (ss.GetValue(row) is int a && se.GetValue(row) is int b && a >= 0 && b >= a && b <= text.Length)
                    spans[(a, b)] = text[a..b];
        }
        Take(r.Medications); Take(r.TrialArms); Take(r.Outcomes); Take(r.AdverseEvents); Take(r.Staging); Take(r.Findings);
        if (FileOf(r.Source.DocumentId) is { } file)
        {
            Directory.CreateDirectory(folder!);
            var list = spans.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, kv.Value }).ToList();
            RunOutput.WriteAtomic(file, System.Text.Json.JsonSerializer.Serialize(list));
            lock (_lastGate) if (_last.Id == r.Source.DocumentId) _last = default; // a document processed again: read its new file
        }
        else _byDocument[r.Source.DocumentId] = spans;
    }

    private readonly object _lastGate = new();
    private (string? Id, Dictionary<(int, int), string>? Spans) _last;

    public string? Get(string documentId, int sourceStart, int sourceEnd)
    {
        if (!_byDocument.TryGetValue(documentId, out var spans))
        {
            lock (_lastGate)
            {
                if (_last.Id == documentId && _last.Spans is { } cached) spans = cached;
                else _last = (documentId, spans = Load(documentId));
            }
        }
        return spans.TryGetValue((sourceStart, sourceEnd), out var text) ? text : null;
    }

    private Dictionary<(int, int), string> Load(string documentId)
    {
        var spans = new Dictionary<(int, int), string>();
        try
        {
            if (FileOf(documentId) is { } f && File.Exists(f))
            {
                using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(f));
                foreach (var e in json.RootElement.EnumerateArray())
                    spans[(e[0].GetInt32(), e[1].GetInt32())] = e[2].GetString() ?? "";
            }
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidOperationException or UnauthorizedAccessException) { }
        return spans;
    }
}

/// <summary>
/// The last "extractor" of a reviewed run: applies the reviewer's fact decisions to what the extractors found for the
/// document (reject, fix, add), so the CSVs, the JSON Lines and the review page show the reviewed values.
/// </summary>
public sealed class FactReviewer(FactReviewBook book) : IExtractor
{
    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string id = document.DocumentId;
        var notes = new List<string>();
        Apply(sink.Medications, book.For("medications", id), id, document, notes);
        Apply(sink.TrialArms, book.For("trial_arms", id), id, document, notes);
        Apply(sink.Outcomes, book.For("outcomes", id), id, document, notes);
        Apply(sink.AdverseEvents, book.For("adverse_events", id), id, document, notes);
        Apply(sink.Staging, book.For("staging", id), id, document, notes);
        Apply(sink.Findings, book.For("findings", id), id, document, notes);
        foreach (var n in notes) book.Notes.Enqueue($"{id}: {n}");
    }

    /// <summary>Columns a review cannot change: where the row is and what it was read from.</summary>
    public static bool IsProvenance(string column) =>
        column is "document_id" or "page" or "evidence" or "evidence_box" or "start" or "end" || column.EndsWith("_start", StringComparison.Ordinal) || column.EndsWith("_end", StringComparison.Ordinal);

    /// <summary>
    /// Applies <paramref name="decisions"/> to <paramref name="rows"/> of one document. With the
    /// <paramref name="document"/> a decision whose source text moved is found at its new place, and rows the reviewer
    /// added get offsets, page and evidence from the text; a decision that fits nowhere is noted in <paramref name="notes"/>.
    /// </summary>
    public static void Apply<T>(List<T> rows, IReadOnlyList<FactDecision> decisions, string documentId, AnalyzedDocument? document = null, ICollection<string>? notes = null) where T : class
    {
        if (decisions.Count == 0) return;
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        var ss = props.FirstOrDefault(p => p.Name == "SourceStart");
        var se = props.FirstOrDefault(p => p.Name == "SourceEnd");
        var spans = rows.Select(row => (ss?.GetValue(row) as int? ?? -1, se?.GetValue(row) as int? ?? -1)).ToList();
        var result = new List<T?>(rows);
        var taken = new bool[rows.Count];
        var added = new List<T>();
        string? input = document?.Source.Text;
        foreach (var d in decisions)
        {
            var span = Relocate(d, input);
            if (span is null)
            {
                notes?.Add($"{FactReviewBook.FileOf(d.Kind)}: '{d.Decision}' at {d.SourceStart}-{d.SourceEnd} not applied: the input no longer reads '{d.SourceText}' there or nearby");
                continue;
            }
            if (d.Decision == "add") { added.Add(NewRow<T>(d, span.Value, props, documentId, document)); continue; }
            // The row with that span whose values agree most with what the reviewer left; the rank among rows with
            // the span breaks ties (two rows on one span differ in their values, not their order).
            int best = -1, bestScore = -1, rank = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                if (spans[i] != span.Value) continue;
                int score = taken[i] ? -1 : Agreement(rows[i], d.Values, props) * 2 + (rank == d.Ordinal ? 1 : 0);
                rank++;
                if (score > bestScore) (best, bestScore) = (i, score);
            }
            if (best < 0 || bestScore < 0)
            {
                if (d.Decision == "fix") added.Add(NewRow<T>(d, span.Value, props, documentId, document)); // the reviewer's row stands
                else notes?.Add($"{FactReviewBook.FileOf(d.Kind)}: 'reject' at {d.SourceStart}-{d.SourceEnd}: the extractors no longer find that row");
                continue;
            }
            taken[best] = true;
            result[best] = d.Decision == "reject" ? null : With(result[best]!, d.Values, props, keepProvenance: true);
        }
        rows.Clear();
        rows.AddRange(result.OfType<T>());
        rows.AddRange(added);
    }

    /// <summary>The decision's input span now: as written when the input still reads the source text there, else the nearest place that does.</summary>
    public static (int Start, int End)? Relocate(FactDecision d, string? input)
    {
        if (input is null || d.SourceText.Length == 0) return (d.SourceStart, d.SourceEnd);
        int a = d.SourceStart, len = d.SourceText.Length;
        if (a >= 0 && d.SourceEnd == a + len && d.SourceEnd <= input.Length && input.AsSpan(a, len).SequenceEqual(d.SourceText)) return (a, d.SourceEnd);
        int best = -1;
        for (int at = input.IndexOf(d.SourceText, StringComparison.Ordinal); at >= 0; at = input.IndexOf(d.SourceText, at + 1, StringComparison.Ordinal))
            if (best < 0 || Math.Abs(at - a) < Math.Abs(best - a)) best = at;
        return best < 0 ? null : (best, best + len);
    }

    // How many of the row's own values (not its provenance) the review row still holds.
    private static int Agreement<T>(T row, IReadOnlyDictionary<string, string> values, PropertyInfo[] props)
    {
        int n = 0;
        foreach (var p in props)
        {
            string column = CsvExport.SnakeCase(p.Name);
            if (IsProvenance(column) || !values.TryGetValue(column, out var text)) continue;
            object? mine = p.GetValue(row);
            bool same = mine switch
            {
                string s => s == text,
                bool b => ReviewTable.Bool(text) == b,
                int i => ReviewTable.Int(text) == i,
                double x => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && Math.Abs(x - y) < 1e-9,
                _ => false,
            };
            if (same) n++;
        }
        return n;
    }

    private static T NewRow<T>(FactDecision d, (int Start, int End) span, PropertyInfo[] props, string documentId, AnalyzedDocument? document) where T : class
    {
        var row = With(Activator.CreateInstance<T>(), d.Values, props, keepProvenance: false, documentId);
        if (document is null || span.Start < 0 || span.End < span.Start || span.End > document.Source.Text.Length) return row;
        // Offsets in today's cleaned text, page and evidence from the text: the reviewer wrote input offsets.
        var (s, e) = document.Cleanup.Map.ToEdited(span.Start, span.End);
        var at = document.Locate(s, e);
        void Set(string name, object value) => props.FirstOrDefault(p => p.Name == name)?.SetValue(row, value);
        Set("Start", at.Start); Set("End", at.End); Set("SourceStart", span.Start); Set("SourceEnd", span.End); Set("Page", at.Page);
        if (!d.Values.TryGetValue("evidence", out var ev) || ev.Length == 0) Set("Evidence", at.Evidence);
        return row;
    }

    private static T With<T>(T original, IReadOnlyDictionary<string, string> values, PropertyInfo[] props, bool keepProvenance, string? documentId = null) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(original, null)!;
        foreach (var p in props)
        {
            string column = CsvExport.SnakeCase(p.Name);
            if (keepProvenance && IsProvenance(column)) continue;
            if (!values.TryGetValue(column, out var text)) continue;
            object? value = p.PropertyType == typeof(string) ? text
                : p.PropertyType == typeof(int) ? ReviewTable.Int(text) ?? (column.EndsWith("start") || column.EndsWith("end") ? -1 : 0)
                : p.PropertyType == typeof(bool) ? ReviewTable.Bool(text) ?? false
                : p.PropertyType == typeof(double) ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : 0.0
                : null;
            if (value is not null) p.SetValue(clone, value);
        }
        if (documentId is not null) props.FirstOrDefault(p => p.Name == "DocumentId")?.SetValue(clone, documentId);
        return clone;
    }
}
