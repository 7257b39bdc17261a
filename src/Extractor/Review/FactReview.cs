using System.Globalization;
using System.Reflection;
using System.Text;
using CsvHelper;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Language;

namespace Extractor.Review;

/// <summary>One reviewer decision on an extracted row: reject it, fix its values, or add a row the extractors missed.</summary>
public sealed record FactDecision(string Kind, string Decision, int SourceStart, int SourceEnd, int Ordinal, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// Reviewer decisions on facts, read from OUT/&lt;kind&gt;.review.csv (medications, trial_arms, outcomes, adverse_events,
/// staging, findings): a copy of &lt;kind&gt;.csv with a decision column. <c>reject</c> drops the row, <c>fix</c> replaces
/// its values with the row's (offsets, page and document stay the machine's: provenance is not editable), <c>add</c>
/// adds the row as written. A row is matched by document, source_start, source_end and its rank among the rows of
/// that kind with the same span, so the decision holds on re-runs while the extractors find the same facts.
/// </summary>
public sealed class FactReviewBook
{
    public static readonly string[] Kinds = ["medications", "trial_arms", "outcomes", "adverse_events", "staging", "findings"];

    public static string FileOf(string kind) => kind + ".review.csv";

    private readonly Dictionary<(string Kind, string Document), List<FactDecision>> _decisions;
    public List<string> Warnings { get; } = [];

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
                list.Add(new FactDecision(kind, decision, ss, se, ordinal, row));
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
    public static int Sync(string outDir)
    {
        int written = 0;
        foreach (var kind in Kinds)
        {
            string csv = Path.Combine(outDir, kind + ".csv"), review = Path.Combine(outDir, FileOf(kind));
            if (!File.Exists(csv)) continue;
            string[] header;
            using (var r = new StreamReader(csv, Encoding.UTF8)) header = (r.ReadLine() ?? "").Split(',');
            if (header.Length < 2) continue;
            string reviewHeader = string.Join(',', header) + ",decision";
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
                    w.WriteField("decision");
                    w.EndRecord();
                }
                foreach (var row in NewRows())
                {
                    foreach (var h in header) w.WriteField(row.Get(h));
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
/// The last "extractor" of a reviewed run: applies the reviewer's fact decisions to what the extractors found for the
/// document (reject, fix, add), so the CSVs, the JSON Lines and the review page show the reviewed values.
/// </summary>
public sealed class FactReviewer(FactReviewBook book) : IExtractor
{
    private static readonly HashSet<string> Provenance = new(StringComparer.Ordinal) { "document_id", "start", "end", "source_start", "source_end", "page" };

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string id = document.DocumentId;
        Apply(sink.Medications, book.For("medications", id), id);
        Apply(sink.TrialArms, book.For("trial_arms", id), id);
        Apply(sink.Outcomes, book.For("outcomes", id), id);
        Apply(sink.AdverseEvents, book.For("adverse_events", id), id);
        Apply(sink.Staging, book.For("staging", id), id);
        Apply(sink.Findings, book.For("findings", id), id);
    }

    public static void Apply<T>(List<T> rows, IReadOnlyList<FactDecision> decisions, string documentId) where T : class
    {
        if (decisions.Count == 0) return;
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        var ss = props.FirstOrDefault(p => p.Name == "SourceStart");
        var se = props.FirstOrDefault(p => p.Name == "SourceEnd");
        // Rank of each row among the rows with the same source span, in the extractors' order.
        var keys = new List<(int, int, int)>(rows.Count);
        var rank = new Dictionary<(int, int), int>();
        foreach (var row in rows)
        {
            int a = ss?.GetValue(row) as int? ?? -1, b = se?.GetValue(row) as int? ?? -1;
            rank.TryGetValue((a, b), out int n);
            rank[(a, b)] = n + 1;
            keys.Add((a, b, n));
        }
        var result = new List<T?>(rows);
        var added = new List<T>();
        foreach (var d in decisions)
        {
            int i = keys.IndexOf((d.SourceStart, d.SourceEnd, d.Ordinal));
            switch (d.Decision)
            {
                case "reject" when i >= 0: result[i] = null; break;
                case "fix" when i >= 0 && result[i] is { } machine: result[i] = With(machine, d.Values, props, keepProvenance: true); break;
                case "fix" or "add": added.Add(With(Activator.CreateInstance<T>(), d.Values, props, keepProvenance: false, documentId)); break;
            }
        }
        rows.Clear();
        rows.AddRange(result.OfType<T>());
        rows.AddRange(added);
    }

    private static T With<T>(T original, IReadOnlyDictionary<string, string> values, PropertyInfo[] props, bool keepProvenance, string? documentId = null) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(original, null)!;
        foreach (var p in props)
        {
            string column = CsvExport.SnakeCase(p.Name);
            if (keepProvenance && Provenance.Contains(column)) continue;
            if (!values.TryGetValue(column, out var text)) continue;
            object? value = p.PropertyType == typeof(string) ? text
                : p.PropertyType == typeof(int) ? ReviewTable.Int(text) ?? 0
                : p.PropertyType == typeof(bool) ? ReviewTable.Bool(text) ?? false
                : p.PropertyType == typeof(double) ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : 0.0
                : null;
            if (value is not null) p.SetValue(clone, value);
        }
        if (documentId is not null) props.FirstOrDefault(p => p.Name == "DocumentId")?.SetValue(clone, documentId);
        return clone;
    }
}
