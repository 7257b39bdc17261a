using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Negation;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Findings;

/// <summary>
/// Disease and treatment facts: performance status (ECOG, Karnofsky, WHO, or a bare "performance status"), risk group
/// (model + category: MSKCC, IMDC/Heng, IPI, Child-Pugh ...), histology (Resources/findings/histology.tsv, in a
/// pathology sentence), histological grade (Fuhrman, Gleason, nuclear or plain "grade 2" in a pathology sentence),
/// tumor size (a number with cm/mm next to tumor/mass/lesion or "in diameter"), presenting symptoms
/// (Resources/findings/symptoms.tsv after "presented with", "complained of" ...) and procedures (an -ectomy/-otomy/
/// -plasty/-ostomy word or a listed procedure, with its modifiers, in a sentence saying the patient underwent it).
/// </summary>
public static partial class ClinicalFinder
{
    private static readonly Lazy<Gazetteer<string>> Histologies = new(() => ResourceLists.Gazetteer("findings/histology.tsv"));
    private static readonly Lazy<Gazetteer<string>> Symptoms = new(() => ResourceLists.Gazetteer("findings/symptoms.tsv"));

    [GeneratedRegex(@"\b(?:(?<scale>ECOG|Eastern Cooperative Oncology Group|Karnofsky|KPS|WHO|Zubrod|Lansky)\s*(?:performance\s+status|performance\s+score|PS|score)?|(?<scale>performance\s+status|PS))\s*(?:score\s*)?(?:\(\s*[A-Z]+\s*\)\s*)?(?:was|of|is|:|=|had been|remained|improved to|worsened to|declined to|deteriorated to|score of|\s)\s*(?:an?\s+)?(?:score\s+of\s+)?(?<v>[0-4](?!\d|[.,]\d)|[1-9]0(?:\s*%)?|100(?:\s*%)?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PerformanceStatus();

    [GeneratedRegex(@"\b(?<model>MSKCC|Memorial\s+S[a-z]{3,5}[- ]?Kettering(?:\s+Cancer\s+Center)?|Motzer|IMDC|Heng|International Metastatic (?:RCC|Renal Cell Carcinoma) Database Consortium|IPI|International Prognostic Index|FLIPI|Child[- ]Pugh|Sokal|ELN|NCCN|D'Amico|IPSS(?:-R)?|Kattan|CAPRA)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RiskModel();

    [GeneratedRegex(@"\b(?<v>favou?rable|good|low|intermediate|intermediate[- ]1|intermediate[- ]2|poor|high|very high|very low)[- ](?:risk|prognosis|prognostic)\b|\b(?:risk|class|category|group)\s*(?:was|of|:)?\s*(?<v>favou?rable|good|low|intermediate|poor|high)\b|\bclass\s+(?<v>[ABC])\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RiskCategory();

    [GeneratedRegex(@"\b(?:patholog|histolog|histopatholog|biopsy|biopsies|specimen|cytolog|microscop|immunohisto|resected|excised|diagnosed|diagnosis|differentiat|Fuhrman|Gleason|tumou?r grade)\w*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PathologyCue();

    [GeneratedRegex(@"\b(?:(?<system>Fuhrman|nuclear|ISUP|WHO|histologic(?:al)?|tumou?r|FNCLCC|Nottingham|Bloom-Richardson)\s+)?grade\s*(?<v>[1-4]|I{1,3}|IV)\b(?:\s*(?:/|of)\s*[34])?|\((?<system>)G(?<v>[1-4])\)|\b(?<system>Gleason)\s+(?:score\s+)?(?:of\s+)?(?<v>\d\s*\+\s*\d(?:\s*=\s*\d{1,2})?|\d{1,2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HistologicalGrade();

    [GeneratedRegex(@"(?<![\w.,])(?<v>\d+(?:\.\d+)?(?:\s*[×xX*]\s*\d+(?:\.\d+)?){0,2})\s*(?<u>cm|mm)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Size();

    [GeneratedRegex(@"\b(?:tumou?r|mass|lesion|nodule|cyst|neoplasm|carcinoma|lump|metastas[ie]s|in (?:greatest |maximum |maximal )?diameter|in size|measur(?:ing|ed)|sized)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SizeCue();

    [GeneratedRegex(@"\b(?:present(?:ed|ing|s)\s+(?:to\s+[\w\s]+?\s+)?with|complain(?:ed|ing|s)?\s+of|chief complaints?|admitted\s+(?:with|for|because of|due to)|referred\s+(?:with|for|because of)|noticed|suffer(?:ed|ing)\s+from|history of|reported|developed|experienced|visited [\w\s]+? (?:with|for|because of)|was found to have|symptoms? (?:of|were|was|included))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SymptomCue();

    [GeneratedRegex(@"\b(?:(?:radical|partial|total|subtotal|near-total|simple|modified radical|extended|laparoscopic|robotic|robot-assisted|open|cytoreductive|transurethral|endoscopic|video-assisted|thoracoscopic|hand-assisted|retroperitoneal|emergency|elective|palliative|curative|en bloc|wide|bilateral|unilateral|left|right|upper|lower|distal|proximal|anterior|posterior|pancreatico|)[\s-]+)*(?<head>[a-z]+(?:ectomy|otomy|ostomy|oplasty|orrhaphy|opexy)|resection|biopsy|transplantation|transplant|amputation|excision|ablation|embolization|bypass|stenting|angioplasty|arthroplasty|dissection|enucleation|debridement|craniotomy)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Procedure();

    [GeneratedRegex(@"\b(?:underw[ae]nt|undergo(?:ing|es)?|performed|was done|were done|carried out|received|treated (?:with|by)|status post|s/p|after (?:a |the )?|following (?:a |the )?|had (?:a |an |the )?|required|scheduled for)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProcedureCue();

    private static readonly HashSet<string> Lateralities = new(StringComparer.OrdinalIgnoreCase) { "left", "right", "bilateral", "unilateral" };

    public static IEnumerable<FoundFact> Find(AnalyzedDocument document)
    {
        string text = document.Text;
        var negation = ContextNegation.Instance;
        var facts = new List<FoundFact>();

        foreach (Match m in PerformanceStatus().Matches(text))
        {
            string scale = ScaleName(m.Groups["scale"].Value);
            string v = m.Groups["v"].Value.Replace(" ", "").TrimEnd('%');
            // A 0-4 value belongs to ECOG-like scales, 10-100 to Karnofsky/Lansky.
            if (v.Length > 1 && scale is not ("Karnofsky" or "Lansky")) continue;
            if (v.Length == 1 && scale is "Karnofsky" or "Lansky") continue;
            facts.Add(new FoundFact("performance_status", scale, v, scale is "Karnofsky" or "Lansky" ? "%" : "", "", m.Index, m.Index + m.Length));
        }

        foreach (var sentence in document.Sentences)
        {
            string st = sentence.TextOf(text);
            var model = RiskModel().Match(st);
            if (!model.Success) continue;
            var cat = RiskCategory().Match(st, model.Index);
            if (!cat.Success) continue;
            int s = sentence.Start + model.Index, e = sentence.Start + cat.Index + cat.Length;
            facts.Add(new FoundFact("risk_group", ModelName(model.Groups["model"].Value), cat.Groups["v"].Value.ToLowerInvariant(), "", "", s, e));
        }

        var tokens = document.Tokens;
        foreach (var sentence in document.Sentences)
        {
            string st = sentence.TextOf(text);
            bool pathology = PathologyCue().IsMatch(st);
            if (pathology)
            {
                foreach (var (first, last, canonical) in Histologies.Value.FindAll(text, tokens, sentence.FirstToken, sentence.FirstToken + sentence.TokenCount))
                {
                    int s = tokens[first].Start, e = tokens[last].End;
                    var neg = negation.Assess(document, s, e);
                    if (neg.Hypothetical) continue;
                    facts.Add(new FoundFact("histology", "histology", canonical, "", "", s, e, neg.Negated));
                }
                foreach (Match g in HistologicalGrade().Matches(st))
                {
                    // "grade 2 hypertension": a grade followed by an event is a toxicity grade, not the tumour's.
                    string after = st[(g.Index + g.Length)..];
                    if (g.Groups["system"].Value.Length == 0 && Regex.IsMatch(after, @"^\s*[a-z]{4,}") && !Regex.IsMatch(after, @"^\s*(?:and|with|in|on|of|tumou?r|carcinoma|disease|differentiation)\b")) continue;
                    string system = GradeSystem(g.Groups["system"].Value);
                    string v = Roman(g.Groups["v"].Value.Replace(" ", ""));
                    facts.Add(new FoundFact("grade", system, v, "", "", sentence.Start + g.Index, sentence.Start + g.Index + g.Length));
                }
            }

            foreach (Match m in Size().Matches(st))
            {
                int s = sentence.Start + m.Index, e = s + m.Length;
                // The size cue within a few words before or after ("tumor, 12 cm in diameter", "a 3-cm mass").
                string window = text[Math.Max(sentence.Start, s - 40)..Math.Min(sentence.End, e + 25)];
                if (!SizeCue().IsMatch(window)) continue;
                string before = text[Math.Max(sentence.Start, s - 25)..s];
                if (Regex.IsMatch(before, @"\b(?:height|tall|length of (?:the )?(?:incision|stent)|incision|wound|margin)\b", RegexOptions.IgnoreCase)) continue;
                facts.Add(new FoundFact("tumor_size", "tumor size", Regex.Replace(m.Groups["v"].Value, @"\s*[×xX*]\s*", "x"), m.Groups["u"].Value, "", s, e));
            }

            // Symptoms: after a presentation cue, or anywhere when negated (a pertinent negative: "denied chest pain").
            var cue = SymptomCue().Match(st);
            int from = cue.Success ? sentence.Start + cue.Index : int.MaxValue;
            foreach (var (first, last, canonical) in Symptoms.Value.FindAll(text, tokens, sentence.FirstToken, sentence.FirstToken + sentence.TokenCount))
            {
                int s = tokens[first].Start, e = tokens[last].End;
                var neg = negation.Assess(document, s, e);
                if (neg.Hypothetical) continue;
                if (s < from && !neg.Negated) continue;
                // "grade 3 diarrhea" is a graded adverse event (adverse_events.csv), not a presenting symptom.
                if (Regex.IsMatch(text[Math.Max(0, s - 16)..s], @"\bgrade\s*\d(?:\s*[-/]\s*\d)?\s*$", RegexOptions.IgnoreCase)) continue;
                facts.Add(new FoundFact("symptom", "symptom", canonical, "", "", s, e, neg.Negated));
            }

            if (ProcedureCue().IsMatch(st))
            {
                foreach (Match m in Procedure().Matches(st))
                {
                    int s = sentence.Start + m.Index, e = s + m.Length;
                    var words = Regex.Split(m.Value.ToLowerInvariant(), @"[\s]+").Where(w => w.Length > 0).ToList();
                    var side = words.Where(w => Lateralities.Contains(w)).ToList();
                    string name = string.Join(' ', words.Where(w => !Lateralities.Contains(w)));
                    if (name.Length == 0) continue;
                    var neg = negation.Assess(document, s, e);
                    if (neg.Hypothetical) continue;
                    facts.Add(new FoundFact("procedure", "procedure", name, "", string.Join(' ', side), s, e, neg.Negated));
                }
            }
        }
        return facts.OrderBy(f => f.Start);
    }

    private static string ScaleName(string raw) => raw.ToUpperInvariant() switch
    {
        "ECOG" or "EASTERN COOPERATIVE ONCOLOGY GROUP" or "ZUBROD" => "ECOG",
        "KARNOFSKY" or "KPS" => "Karnofsky",
        "WHO" => "WHO",
        "LANSKY" => "Lansky",
        _ => "Performance status",
    };

    private static string ModelName(string raw) => raw switch
    {
        var r when r.StartsWith("Memorial", StringComparison.OrdinalIgnoreCase) || r is "Motzer" => "MSKCC",
        var r when r is "Heng" || r.StartsWith("International Metastatic") => "IMDC",
        "International Prognostic Index" => "IPI",
        var r when r.StartsWith("Child") => "Child-Pugh",
        var r => r,
    };

    private static string GradeSystem(string raw) => raw.ToLowerInvariant() switch
    {
        "fuhrman" => "Fuhrman",
        "gleason" => "Gleason",
        "isup" => "ISUP",
        "who" => "WHO",
        "nuclear" => "nuclear",
        "fnclcc" => "FNCLCC",
        "nottingham" or "bloom-richardson" => "Nottingham",
        _ => "histological",
    };

    private static string Roman(string v) => v.ToUpperInvariant() switch
    {
        "I" => "1", "II" => "2", "III" => "3", "IV" => "4", _ => v,
    };
}
