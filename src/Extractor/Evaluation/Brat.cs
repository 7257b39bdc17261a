using System.Globalization;
using Extractor.Core;

namespace Extractor.Evaluation;

/// <summary>A BRAT text-bound annotation (T line): type, one or more fragments (discontinuous spans) and its text.</summary>
public sealed record BratEntity(string Id, string Type, IReadOnlyList<Span> Fragments, string Text, bool Negated = false)
{
    public Span Extent => new(Fragments.Min(f => f.Start), Fragments.Max(f => f.End));
    public bool Overlaps(Span s) => Fragments.Any(f => f.Overlaps(s));
}

/// <summary>
/// Reads BRAT standoff (.ann): T lines <c>T1 TAB Type start end[;start end] TAB text</c>; E lines (events, whose trigger
/// is a T); A lines (attributes) <c>A1 TAB POLARITY E3 NEG</c> or a binary <c>A1 TAB Negation T5</c>, which mark their
/// entity (or the event's trigger) negated. Other lines (R relations, # notes, * equivalences) are ignored.
/// Offsets are in Unicode code points, as BRAT writes them; pass the text to convert them to string indices.
/// </summary>
public static class Brat
{
    public static List<BratEntity> Parse(string ann, string? text = null)
    {
        var entities = new Dictionary<string, BratEntity>(StringComparer.Ordinal);
        var order = new List<string>();
        var triggers = new Dictionary<string, string>(StringComparer.Ordinal);
        var negatedIds = new List<string>();
        var toIndex = text is null ? null : CodePointIndex(text);
        foreach (var raw in ann.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length < 2) continue;
            var cols = line.Split('\t');
            switch (line[0])
            {
                case 'T' when cols.Length >= 2:
                {
                    var head = cols[1];
                    int sp = head.IndexOf(' ');
                    if (sp <= 0) continue;
                    string type = head[..sp];
                    var fragments = new List<Span>();
                    foreach (var part in head[(sp + 1)..].Split(';'))
                    {
                        var nums = part.Trim().Split(' ');
                        if (nums.Length != 2 || !int.TryParse(nums[0], NumberStyles.None, CultureInfo.InvariantCulture, out int s)
                            || !int.TryParse(nums[1], NumberStyles.None, CultureInfo.InvariantCulture, out int e)) { fragments.Clear(); break; }
                        if (toIndex is not null) { s = toIndex(s); e = toIndex(e); }
                        fragments.Add(new Span(s, e));
                    }
                    if (fragments.Count == 0) continue;
                    entities[cols[0]] = new BratEntity(cols[0], type, fragments, cols.Length >= 3 ? cols[2] : "");
                    order.Add(cols[0]);
                    break;
                }
                case 'E' when cols.Length >= 2:
                {
                    // "Type:T5 Arg:T6 ..." - the first argument is the trigger.
                    var first = cols[1].Trim().Split(' ')[0];
                    int colon = first.IndexOf(':');
                    if (colon > 0) triggers[cols[0]] = first[(colon + 1)..];
                    break;
                }
                case 'A' or 'M' when cols.Length >= 2:
                {
                    var f = cols[1].Trim().Split(' ');
                    if (f.Length < 2) continue;
                    string name = f[0], value = f.Length >= 3 ? f[2] : "";
                    bool negation = (name.Equals("POLARITY", StringComparison.OrdinalIgnoreCase) && value.Equals("NEG", StringComparison.OrdinalIgnoreCase))
                                    || (value.Length == 0 && name.StartsWith("Negat", StringComparison.OrdinalIgnoreCase));
                    if (negation) negatedIds.Add(f[1]);
                    break;
                }
            }
        }
        foreach (var id in negatedIds)
        {
            var t = triggers.TryGetValue(id, out var trig) ? trig : id;
            if (entities.TryGetValue(t, out var ent)) entities[t] = ent with { Negated = true };
        }
        return order.Select(id => entities[id]).ToList();
    }

    // Code point offset -> UTF-16 index; identity when the text has no surrogate pairs.
    private static Func<int, int>? CodePointIndex(string text)
    {
        if (!text.Any(char.IsSurrogate)) return null;
        var map = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        map.Add(text.Length);
        return cp => cp < map.Count ? map[Math.Max(0, cp)] : text.Length;
    }
}
