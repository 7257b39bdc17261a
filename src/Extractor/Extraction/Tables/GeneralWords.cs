namespace Extractor.Extraction.Tables;

/// <summary>
/// General English words, read once from the Debian word list (/usr/share/dict/american-english-huge) when present.
/// Used only to tell a real header or subtitle line from OCR garbage; without the list every word is unknown and
/// header terms, drugs, units and numbers alone decide.
/// </summary>
public static class GeneralWords
{
    public static readonly string[] DefaultPaths = ["/usr/share/dict/american-english-huge", "/usr/share/dict/american-english", "/usr/share/dict/words"];

    private static readonly Lazy<HashSet<string>> Words = new(Load);

    public static bool Contains(string word) => Words.Value.Contains(word);

    private static HashSet<string> Load()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in DefaultPaths)
        {
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path))
            {
                // Possessives add nothing; single letters are in the list but tell nothing about a line.
                if (line.Length < 2 || line.EndsWith("'s", StringComparison.Ordinal)) continue;
                set.Add(line);
            }
            break;
        }
        return set;
    }
}
