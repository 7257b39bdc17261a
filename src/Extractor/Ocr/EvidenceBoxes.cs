using Extractor.Core;
using Extractor.Extraction;

namespace Extractor.Ocr;

/// <summary>
/// Gives every row of an OCR'd or PDF document the box of its words on the page, from its source span, when the
/// extractor did not set one (extractors copy <c>Location.EvidenceBox</c> when they have it; this covers the rest).
/// </summary>
public static class EvidenceBoxes
{
    public static DocumentResult Fill(DocumentResult r)
    {
        var source = r.Source;
        if (source.Words.Count == 0) return r;
        return r with
        {
            Medications = [.. r.Medications.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
            TrialArms = [.. r.TrialArms.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
            Outcomes = [.. r.Outcomes.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
            AdverseEvents = [.. r.AdverseEvents.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
            Staging = [.. r.Staging.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
            Findings = [.. r.Findings.Select(x => x.EvidenceBox.Length > 0 ? x : x with { EvidenceBox = Box(source, x.SourceStart, x.SourceEnd) })],
        };
    }

    public static string Box(SourceDocument source, int start, int end) => source.BoxOf(start, end)?.Box.ToString() ?? "";
}
