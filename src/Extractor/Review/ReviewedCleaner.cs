using Extractor.Cleanup;
using Extractor.Core;

namespace Extractor.Review;

/// <summary>A cleaner that needs to know which document it cleans (its id), not only the text.</summary>
public interface IDocumentCleaner : ICleaner
{
    CleanResult Clean(SourceDocument source);
}

/// <summary>
/// A reviewer's decision on one correction, keyed by its span in the input text and the original text there:
/// whether it is to be applied and with which text. Rows a reviewer added (no machine values) propose new corrections.
/// </summary>
public sealed record ReviewDecision(int Start, int End, string Original, string Corrected, bool Apply, string Decision)
{
    /// <summary>True for a row the reviewer wrote, not one the cleanup logged.</summary>
    public bool Added { get; init; }
}

/// <summary>
/// Decorates the cleanup with a reviewer's decisions: after the inner cleaner ran, a rejected correction is undone,
/// an accepted suggestion applied, a corrected value replaced, a correction the reviewer added applied, each by its
/// input offsets (found in the cleaned text through the inner map) and recorded as one more edit pass chained onto
/// the map with <see cref="EditMap.Then"/>. The correction log says what the review changed. A decision that no longer
/// fits the text (the input or the cleanup changed around it) is ignored and noted, never forced.
/// </summary>
public sealed class ReviewedCleaner(ICleaner inner, ReviewBook book) : IDocumentCleaner
{
    public ICleaner Inner { get; } = inner;
    public ReviewBook Book { get; } = book;

    /// <summary>Without a document id there are no decisions to look up: the inner cleaner's result.</summary>
    public CleanResult Clean(string text) => Inner.Clean(text);

    public CleanResult Clean(SourceDocument source)
    {
        var result = Inner is IDocumentCleaner byDocument ? byDocument.Clean(source) : Inner.Clean(source.Text); // OCR confidences
        var decisions = Book.For(source.DocumentId);
        return decisions.Count == 0 ? result : Apply(source.Text, result, decisions);
    }

    /// <summary>Applies <paramref name="decisions"/> to the inner cleaner's <paramref name="result"/> of <paramref name="input"/>.</summary>
    public static CleanResult Apply(string input, CleanResult result, IReadOnlyList<ReviewDecision> decisions)
    {
        var byKey = new Dictionary<(int, int, string), ReviewDecision>();
        foreach (var d in decisions) byKey[(d.Start, d.End, d.Original)] = d; // a later row wins
        var corrections = result.Corrections.ToList();
        var edits = new List<(TextEdit Edit, int Index)>();
        var used = new HashSet<(int, int, string)>();
        // Each correction's decision: by its input span and original text; when the input moved (it no longer reads
        // the original at the decision's offsets: an edited or re-scanned input), the nearest correction of the same
        // original text the review did not decide otherwise.
        var decided = new ReviewDecision?[corrections.Count];
        for (int i = 0; i < corrections.Count; i++)
            if (byKey.TryGetValue((corrections[i].Start, corrections[i].End, corrections[i].Original), out var exact)) { decided[i] = exact; used.Add((exact.Start, exact.End, exact.Original)); }
        foreach (var d in byKey.Values)
        {
            if (d.Added || used.Contains((d.Start, d.End, d.Original)) || Reads(input, d.Start, d.End, d.Original)) continue;
            int best = -1;
            for (int i = 0; i < corrections.Count; i++)
                if (decided[i] is null && corrections[i].Original == d.Original && (best < 0 || Math.Abs(corrections[i].Start - d.Start) < Math.Abs(corrections[best].Start - d.Start)))
                    best = i;
            if (best < 0) continue;
            decided[best] = d;
            used.Add((d.Start, d.End, d.Original));
        }
        for (int i = 0; i < corrections.Count; i++)
        {
            var c = corrections[i];
            if (decided[i] is not { } d) continue;
            if (d.Apply == c.Applied && (!d.Apply || d.Corrected == c.Corrected)) continue; // the review agrees
            var (s, e) = result.Map.ToEdited(c.Start, c.End);
            string expected = c.Applied ? c.Corrected : c.Original;
            if (!Reads(result.Text, s, e, expected))
            {
                corrections[i] = c with { Reason = Join(c.Reason, $"review '{Label(d)}' not applied: the text here changed") };
                continue;
            }
            string wanted = d.Apply ? d.Corrected : c.Original;
            edits.Add((new TextEdit(s, e, wanted), i));
            corrections[i] = c with { Applied = d.Apply, Corrected = d.Apply ? d.Corrected : c.Corrected, Reason = Join(c.Reason, $"review: {Label(d)}") };
        }
        // Corrections the reviewer added: only where the input still reads the original and nothing else changed it.
        foreach (var d in decisions.Where(d => d.Apply && !used.Contains((d.Start, d.End, d.Original))))
        {
            if (!Reads(input, d.Start, d.End, d.Original)) continue;
            var (s, e) = result.Map.ToEdited(d.Start, d.End);
            if (!Reads(result.Text, s, e, d.Original)) continue;
            corrections.Add(new Correction(d.Start, d.End, d.Original, d.Corrected, "review", 1.0, true, $"review: {Label(d)}"));
            edits.Add((new TextEdit(s, e, d.Corrected), corrections.Count - 1));
        }
        if (edits.Count == 0) return result with { Corrections = corrections };
        // Overlapping decisions: the first (in text order) wins, the other is noted and left as the cleanup had it.
        var accepted = new List<TextEdit>();
        int end = -1;
        foreach (var (edit, index) in edits.OrderBy(x => x.Edit.Start).ThenBy(x => x.Edit.End))
        {
            if (edit.Start < end)
            {
                var original = result.Corrections.ElementAtOrDefault(index) ?? corrections[index];
                corrections[index] = original with { Reason = Join(original.Reason, "review not applied: overlaps another review decision") };
                if (index >= result.Corrections.Count) corrections[index] = corrections[index] with { Applied = false };
                continue;
            }
            accepted.Add(edit);
            end = edit.End;
        }
        var (text, map) = EditMap.Apply(result.Text, accepted);
        return new CleanResult(text, result.Map.Then(map), corrections.OrderBy(c => c.Start).ThenBy(c => c.End).ToList());
    }

    private static bool Reads(string text, int start, int end, string expected) =>
        start >= 0 && end <= text.Length && end - start == expected.Length && text.AsSpan(start, end - start).SequenceEqual(expected);

    private static string Label(ReviewDecision d) =>
        d.Decision.Length > 0 ? d.Decision.Trim().ToLowerInvariant() : d.Added ? "added" : d.Apply ? "applied" : "not applied";

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}; {b}";
}
