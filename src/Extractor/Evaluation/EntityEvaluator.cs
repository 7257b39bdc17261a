using Extractor.Core;
using Extractor.Extraction;

namespace Extractor.Evaluation;

/// <summary>A predicted mention of one annotation type, in offsets of the text it is scored on.</summary>
public readonly record struct PredictedMention(string Type, Span Span, string Text);

/// <summary>Mention counts of one type: gold found / gold, predictions right / predictions. <paramref name="Unscored"/>:
/// predictions left out because they lie inside a gold mention of the type that holds them (see <see cref="EntityEvaluator.HeldBy"/>).</summary>
public sealed record TypeScore(string Type, int Gold, int Found, int Predicted, int Right, int Unscored = 0)
{
    public double Precision => Predicted == 0 ? 0 : (double)Right / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)Found / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static TypeScore operator +(TypeScore a, TypeScore b) =>
        new(a.Type, a.Gold + b.Gold, a.Found + b.Found, a.Predicted + b.Predicted, a.Right + b.Right, a.Unscored + b.Unscored);

    /// <summary>The score with the unscored predictions counted as wrong.</summary>
    public TypeScore Strict => this with { Predicted = Predicted + Unscored, Unscored = 0 };
}

/// <summary>A gold mention nobody found, or a prediction that overlaps no gold mention of its type.</summary>
public sealed record EntityError(string DocumentId, string Type, bool Missed, string Text, string Context);

/// <summary>
/// Scores extracted mentions against BRAT annotations by overlap (issue 5): a gold mention counts as found when a
/// predicted mention of its type overlaps it; a prediction counts as right when it overlaps a gold mention of its type.
/// Medication = medication rows (drug span); Dosage = medication rows with a dose expression (the dose span: an amount
/// with its schedule, or without an amount a relative dose, schedule or cycle count); Frequency = medication rows with a
/// frequency (the span of the frequency text) and findings of field frequency (event frequencies: symptoms, visits, tests); a Frequency prediction that overlaps no gold Frequency but lies in a gold
/// Dosage is not scored (MACCROBAT writes a drug's schedule inside its Dosage: "5 mg twice daily"); Age, Sex and Lab_value = findings of field age, sex and lab (gold Lab_value only when it has a digit).
/// Negation: findings and adverse events marked negated against the annotations with POLARITY NEG.
/// </summary>
public static class EntityEvaluator
{
    public static readonly string[] Types = ["Medication", "Dosage", "Frequency", "Age", "Sex", "Lab_value"];
    public const string Negation = "Negated";

    /// <summary>Types whose predictions are not scored when they miss gold of their own type but fall inside gold of the
    /// holding type: the annotators folded a drug's schedule into its Dosage span ("900 mg daily").</summary>
    public static readonly IReadOnlyDictionary<string, string> HeldBy = new Dictionary<string, string> { ["Frequency"] = "Dosage" };

    /// <summary>The mentions of a document's results, with input (source) offsets.</summary>
    public static List<PredictedMention> Predictions(DocumentResult result)
    {
        var list = new List<PredictedMention>();
        foreach (var m in result.Medications)
        {
            var drug = new Span(m.SourceStart, m.SourceEnd);
            list.Add(new PredictedMention("Medication", drug, m.DrugText));
            bool hasDoseSpan = m.DoseSourceStart >= 0 && m.DoseSourceEnd > m.DoseSourceStart;
            var dose = hasDoseSpan ? new Span(m.DoseSourceStart, m.DoseSourceEnd) : drug;
            if (m.DoseValue.Length > 0 || hasDoseSpan)
                list.Add(new PredictedMention("Dosage", dose, string.Join(" ", new[] { m.DoseValue, m.DoseUnit, m.RelativeDose, m.DoseValue.Length == 0 ? m.Frequency : "" }.Where(x => x.Length > 0))));
            var frequency = m.FrequencySourceStart >= 0 && m.FrequencySourceEnd > m.FrequencySourceStart ? new Span(m.FrequencySourceStart, m.FrequencySourceEnd) : dose;
            if (m.Frequency.Length > 0) list.Add(new PredictedMention("Frequency", frequency, m.Frequency));
        }
        foreach (var f in result.Findings)
        {
            var span = new Span(f.SourceStart, f.SourceEnd);
            string? type = f.Field.ToLowerInvariant() switch { "age" => "Age", "sex" => "Sex", "lab" => "Lab_value", "frequency" => "Frequency", _ => null };
            if (type is not null) list.Add(new PredictedMention(type, span, f.Value));
            if (f.Negated) list.Add(new PredictedMention(Negation, span, f.Name));
        }
        foreach (var a in result.AdverseEvents)
            if (a.Negated) list.Add(new PredictedMention(Negation, new Span(a.SourceStart, a.SourceEnd), a.EventText));
        return list;
    }

    /// <summary>The gold mentions scored for each type (Lab_value only with a digit; Negated = entities with POLARITY NEG).</summary>
    public static List<(string Type, BratEntity Entity)> GoldMentions(IEnumerable<BratEntity> entities)
    {
        var list = new List<(string, BratEntity)>();
        foreach (var e in entities)
        {
            if (Types.Contains(e.Type) && (e.Type != "Lab_value" || e.Text.Any(char.IsDigit))) list.Add((e.Type, e));
            if (e.Negated) list.Add((Negation, e));
        }
        return list;
    }

    /// <summary>Scores predictions (offsets in the annotated text) against gold mentions, per type.</summary>
    public static Dictionary<string, TypeScore> Score(string documentId, string goldText, IReadOnlyList<(string Type, BratEntity Entity)> gold,
        IReadOnlyList<PredictedMention> predicted, List<EntityError>? errors = null)
    {
        var scores = new Dictionary<string, TypeScore>();
        foreach (var type in Types.Append(Negation))
        {
            var g = gold.Where(x => x.Type == type).Select(x => x.Entity).ToList();
            var p = predicted.Where(x => x.Type == type).ToList();
            var holder = HeldBy.TryGetValue(type, out var h) ? gold.Where(x => x.Type == h).Select(x => x.Entity).ToList() : [];
            int found = 0, right = 0, unscored = 0;
            foreach (var e in g)
            {
                if (p.Any(x => e.Overlaps(x.Span))) found++;
                else errors?.Add(new EntityError(documentId, type, true, e.Text, Context(goldText, e.Extent)));
            }
            foreach (var x in p)
            {
                if (g.Any(e => e.Overlaps(x.Span))) right++;
                else if (holder.Any(e => e.Overlaps(x.Span))) unscored++;
                else errors?.Add(new EntityError(documentId, type, false, Slice(goldText, x.Span), Context(goldText, x.Span)));
            }
            scores[type] = new TypeScore(type, g.Count, found, p.Count - unscored, right, unscored);
        }
        return scores;
    }

    /// <summary>
    /// Maps predicted spans in an OCR text to the gold text it was scanned from: both normalized (NFC, whitespace
    /// folded), aligned by words then characters, and each span carried across the alignment.
    /// </summary>
    public static List<PredictedMention> MapToGold(IReadOnlyList<PredictedMention> predicted, string ocrText, string goldText) =>
        MapToGold(predicted, new OcrGoldMap(ocrText, goldText));

    public static List<PredictedMention> MapToGold(IReadOnlyList<PredictedMention> predicted, OcrGoldMap map) =>
        predicted.Select(p => p with { Span = map.Map(p.Span) }).ToList();

    private static string Slice(string text, Span s)
    {
        int a = Math.Clamp(s.Start, 0, text.Length), b = Math.Clamp(s.End, a, text.Length);
        return TextNormalizer.Normalize(text[a..b]);
    }

    private static string Context(string text, Span s)
    {
        int a = Math.Clamp(s.Start - 30, 0, text.Length), b = Math.Clamp(s.End + 30, a, text.Length);
        int sa = Math.Clamp(s.Start, a, b), sb = Math.Clamp(s.End, sa, b);
        return TextNormalizer.Normalize(text[a..sa]) + " [" + TextNormalizer.Normalize(text[sa..sb]) + "] " + TextNormalizer.Normalize(text[sb..b]);
    }
}

/// <summary>Offsets of an OCR text carried to the gold text through a character alignment of their normalized forms.</summary>
public sealed class OcrGoldMap
{
    private readonly NormalizedText _ocr, _gold;
    private readonly int[] _map;

    public OcrGoldMap(string ocrText, string goldText)
    {
        _ocr = TextNormalizer.NormalizeWithMap(ocrText);
        _gold = TextNormalizer.NormalizeWithMap(goldText);
        _map = Alignment.OfText(_ocr.Text, _gold.Text).OffsetMapAToB();
    }

    /// <summary>The gold span of the OCR span [start, end); empty spans stay empty.</summary>
    public Span Map(Span ocr)
    {
        int ns = _ocr.FromOriginal(ocr.Start), ne = _ocr.FromOriginal(ocr.End);
        if (ne <= ns) { int g0 = _map[Math.Min(ns, _map.Length - 1)]; var (o, _) = _gold.ToOriginal(g0, g0); return new Span(o, o); }
        int gs = _map[ns], ge = _map[ne - 1] + 1;
        if (ge <= gs) ge = Math.Min(gs + 1, _gold.Text.Length);
        if (gs >= _gold.Text.Length) return new Span(_gold.OriginalLength, _gold.OriginalLength);
        var (s, e) = _gold.ToOriginal(gs, ge);
        return new Span(s, e);
    }
}
