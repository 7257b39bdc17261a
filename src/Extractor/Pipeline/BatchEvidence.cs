using Extractor.Cleanup;
using Extractor.Ingest;

namespace Extractor.Pipeline;

/// <summary>
/// The corpus evidence of a batch for the cleaner (<see cref="CleanupOptions.CorpusCounts"/>): in how many of the
/// batch's texts each word and each word pair occurs. A word frequent across a batch is probably right, and the
/// likelier reading of an OCR error (the figures of `eval cleanup` are measured this way). Counted in one pass before
/// the run over the inputs that are plain text (images and PDFs would need their OCR twice), at most
/// <see cref="BatchEvidenceOptions.MaxTexts"/> of them, so memory is bounded by the vocabulary of that many texts.
/// Inputs that cannot be read are skipped here: the run itself reports them.
/// </summary>
public static class BatchEvidence
{
    /// <summary>The counts, how many texts gave them and a fingerprint of those texts (null counts below two texts).</summary>
    public static BatchCounts Count(IReadOnlyList<InputItem> items, InputReader reader, BatchEvidenceOptions? options = null, CancellationToken cancel = default)
    {
        options ??= BatchEvidenceOptions.Default;
        // One text at a time: counted as it is read, never all of them in memory.
        var hashes = new List<string>();
        IEnumerable<string> Texts()
        {
            foreach (var item in items)
            {
                if (cancel.IsCancellationRequested || hashes.Count >= options.MaxTexts) yield break;
                if (item.Error is not null || !File.Exists(item.Path)) continue;
                Core.SourceDocument doc;
                try
                {
                    if (!reader.IsPlainText(item.Path)) continue;
                    doc = TextDocumentReader.Instance.Read(item.Path, item.DocumentId, reader.Limits, cancel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { continue; }   // never stops the run: the run reports bad inputs
                hashes.Add(doc.ContentHash);
                yield return doc.Text;
            }
        }
        var counts = CleanupContext.DocumentFrequencies(Texts());
        if (hashes.Count < 2) return new BatchCounts(null, hashes.Count, "");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join(",", hashes)));
        return new BatchCounts(counts, hashes.Count, Convert.ToHexStringLower(hash)[..16]);
    }
}

/// <summary>Limits of <see cref="BatchEvidence"/>.</summary>
public sealed record BatchEvidenceOptions
{
    public static readonly BatchEvidenceOptions Default = new();
    /// <summary>Most texts counted (the first ones in input order): a few thousand texts show a corpus's common words.</summary>
    public int MaxTexts { get; init; } = 5000;
}

/// <summary>Document frequencies of a batch (null when fewer than two texts were counted), the number of texts and a fingerprint of them.</summary>
public sealed record BatchCounts(IReadOnlyDictionary<string, int>? Counts, int Texts, string Fingerprint);
