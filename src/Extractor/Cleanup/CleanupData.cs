using System.Reflection;

namespace Extractor.Cleanup;

/// <summary>One entry of the OCR confusion table: the recogniser wrote <see cref="Observed"/> where the page had <see cref="Intended"/>.</summary>
public sealed record Confusion(string Observed, string Intended, double Weight);

/// <summary>
/// Our curated cleanup data, embedded from src/Extractor/Resources/cleanup/ (see docs/cleanup.md for the formats
/// and how each list was made). Parsed once per process.
/// </summary>
public sealed class CleanupData
{
    private static readonly Lazy<CleanupData> s_shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    public static CleanupData Shared => s_shared.Value;

    /// <summary>Domain gazetteer: term -> category (drug, unit, institution, eponym, journal, abbreviation, term).</summary>
    public required IReadOnlyList<(string Term, string Category)> DomainTerms { get; init; }
    /// <summary>Valid unit spellings (case-sensitive), simple and compound.</summary>
    public required IReadOnlySet<string> Units { get; init; }
    /// <summary>Stems after which a hyphen and a single Latin letter stand for a Greek letter (IFN-a -> IFN-α).</summary>
    public required IReadOnlySet<string> GreekStems { get; init; }
    /// <summary>Modifier + head collocations (radical + nephrectomy); a word between them may be a laterality word.</summary>
    public required IReadOnlyList<(string Modifier, string Head)> Collocations { get; init; }
    /// <summary>Multi-word expressions that OCR tends to run together ("et al.").</summary>
    public required IReadOnlyList<string> Phrases { get; init; }
    public required IReadOnlySet<string> CommonWords { get; init; }
    /// <summary>Frequencies per million of the most frequent English words (others in <see cref="CommonWords"/> count 100).</summary>
    public required IReadOnlyDictionary<string, double> WordFrequencies { get; init; }
    /// <summary>Nouns written before a number (grade, stage, day, cycle): "grade3" is "grade 3".</summary>
    public required IReadOnlySet<string> NumberedNouns { get; init; }
    public required IReadOnlyList<Confusion> Confusions { get; init; }

    private HashSet<(string, string)>? _namePairs;
    /// <summary>Neighbouring words inside multi-word gazetteer names (Sloan|Kettering, Memorial|Sloan), case-sensitive.</summary>
    public IReadOnlySet<(string, string)> NamePairs => _namePairs ??= BuildNamePairs(DomainTerms);

    private static HashSet<(string, string)> BuildNamePairs(IEnumerable<(string Term, string Category)> terms)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var (t, _) in terms)
        {
            var parts = t.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < parts.Length; i++) pairs.Add((parts[i], parts[i + 1]));
        }
        return pairs;
    }

    public static IEnumerable<string> ReadLines(string name)
    {
        var asm = typeof(CleanupData).Assembly;
        // The csproj names resources Extractor.Resources.<dir>/<file>; accept '.' or '\\' as the separator too.
        string? found = asm.GetManifestResourceNames().FirstOrDefault(n =>
            n.StartsWith("Extractor.Resources.cleanup", StringComparison.Ordinal) && n.Length == "Extractor.Resources.cleanup".Length + 1 + name.Length
            && n.EndsWith(name, StringComparison.Ordinal));
        using var s = (found is null ? null : asm.GetManifestResourceStream(found))
            ?? throw new InvalidOperationException($"embedded resource cleanup/{name} is missing");
        using var r = new StreamReader(s);
        var lines = new List<string>();
        for (string? line; (line = r.ReadLine()) is not null;)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            lines.Add(line.TrimEnd('\r'));
        }
        return lines;
    }

    private static string[] Fields(string line) => line.Split('\t');

    public static IReadOnlyList<Confusion> ParseConfusions(IEnumerable<string> lines)
    {
        var list = new List<Confusion>();
        foreach (var line in lines)
        {
            var f = Fields(line);
            if (f.Length < 3 || !double.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out var w)) continue;
            list.Add(new Confusion(Unescape(f[0]), Unescape(f[1]), w));
        }
        return list;
    }

    // The table writes an empty side as "" (deletion/insertion) and a space as \s.
    private static string Unescape(string s) => s == "\"\"" ? "" : s.Replace("\\s", " ").Replace("\\t", "\t");

    private static CleanupData Load()
    {
        var domain = ReadLines("domain.tsv").Select(Fields).Where(f => f.Length >= 2).Select(f => (f[0].Trim(), f[1].Trim())).ToList();
        var units = new HashSet<string>(ReadLines("units.txt").Select(l => l.Trim()), StringComparer.Ordinal);
        foreach (var (t, c) in domain) if (c == "unit") units.Add(t);
        return new CleanupData
        {
            DomainTerms = domain,
            Units = units,
            GreekStems = new HashSet<string>(ReadLines("greek-stems.txt").Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase),
            Collocations = ReadLines("collocations.tsv").Select(Fields).Where(f => f.Length >= 2).Select(f => (f[0].Trim(), f[1].Trim())).ToList(),
            Phrases = ReadLines("phrases.txt").Select(l => l.Trim()).ToList(),
            NumberedNouns = new HashSet<string>(ReadLines("numbered-nouns.txt").SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal),
            WordFrequencies = ReadLines("word-frequencies.tsv").Select(Fields).Where(f => f.Length >= 2)
                .ToDictionary(f => f[0], f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal),
            CommonWords = new HashSet<string>(ReadLines("common-words.txt").SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal),
            Confusions = ParseConfusions(ReadLines("confusion.tsv")),
        };
    }
}
