namespace Extractor.Core;

/// <summary>
/// Maps offsets of an edited text back to the text it was made from, and forward again.
/// Built from non-overlapping edits: unchanged stretches map one to one, a replaced region maps as a whole
/// (a span starting inside it starts at the region's source start, a span ending inside it ends at its source end).
/// Maps chain with <see cref="Then"/>, so text edited in several passes still leads back to the input as read.
/// </summary>
public sealed class EditMap
{
    // One stage per edit pass, oldest first; each holds its changed regions sorted by position.
    private readonly Stage[] _stages;

    private readonly record struct Region(int SrcStart, int SrcEnd, int DstStart, int DstEnd);

    private sealed class Stage(Region[] regions)
    {
        public readonly Region[] Regions = regions;

        // Last region whose key (selected by `dst`) satisfies key < c, or key <= c when `inclusive`.
        private int Last(int c, bool dst, bool inclusive)
        {
            int lo = 0, hi = Regions.Length - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int key = dst ? Regions[mid].DstStart : Regions[mid].SrcStart;
                if (key < c || (inclusive && key == c)) { found = mid; lo = mid + 1; } else hi = mid - 1;
            }
            return found;
        }

        public int BackStart(int c)
        {
            int i = Last(c, dst: true, inclusive: true);
            // A zero-length region (deletion) exactly at c: a span starting here starts after what was deleted,
            // unless an earlier region still covers c.
            if (i < 0) return c;
            var r = Regions[i];
            if (c < r.DstEnd) return r.SrcStart;
            return r.SrcEnd + (c - r.DstEnd);
        }

        public int BackEnd(int c)
        {
            int i = Last(c, dst: true, inclusive: false);
            if (i < 0) return c;
            var r = Regions[i];
            if (c <= r.DstEnd) return r.SrcEnd;
            return r.SrcEnd + (c - r.DstEnd);
        }

        public int ForwardStart(int s)
        {
            int i = Last(s, dst: false, inclusive: true);
            if (i < 0) return s;
            var r = Regions[i];
            if (s < r.SrcEnd || r.SrcStart == s) return r.DstStart;
            return r.DstEnd + (s - r.SrcEnd);
        }

        public int ForwardEnd(int s)
        {
            int i = Last(s, dst: false, inclusive: false);
            if (i < 0) return s;
            var r = Regions[i];
            if (s <= r.SrcEnd) return r.DstEnd;
            return r.DstEnd + (s - r.SrcEnd);
        }
    }

    public static readonly EditMap Identity = new([]);

    private EditMap(Stage[] stages) => _stages = stages;

    public bool IsIdentity => _stages.All(s => s.Regions.Length == 0);

    /// <summary>Applies edits (any order, non-overlapping) to <paramref name="text"/>; returns the new text and its map.</summary>
    public static (string Text, EditMap Map) Apply(string text, IEnumerable<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Start).ThenBy(e => e.End).ToArray();
        var sb = new System.Text.StringBuilder(text.Length + 16);
        var regions = new List<Region>(sorted.Length);
        int pos = 0;
        foreach (var e in sorted)
        {
            if (e.Start < pos || e.End < e.Start || e.End > text.Length)
                throw new ArgumentException($"Overlapping or invalid edit [{e.Start},{e.End}) after position {pos}.");
            sb.Append(text, pos, e.Start - pos);
            int dst = sb.Length;
            sb.Append(e.Replacement);
            bool same = e.Length == e.Replacement.Length && string.CompareOrdinal(text, e.Start, e.Replacement, 0, e.Length) == 0;
            if (!same) regions.Add(new Region(e.Start, e.End, dst, sb.Length));
            pos = e.End;
        }
        sb.Append(text, pos, text.Length - pos);
        return (sb.ToString(), regions.Count == 0 ? Identity : new EditMap([new Stage(regions.ToArray())]));
    }

    /// <summary>The map from this map's source to the text that <paramref name="next"/> (made from this map's text) produces.</summary>
    public EditMap Then(EditMap next) => next.IsIdentity ? this : IsIdentity ? next : new EditMap([.. _stages, .. next._stages]);

    /// <summary>Source offset of a span that starts at <paramref name="offset"/> in the edited text.</summary>
    public int ToSourceStart(int offset)
    {
        for (int i = _stages.Length - 1; i >= 0; i--) offset = _stages[i].BackStart(offset);
        return offset;
    }

    /// <summary>Source offset of a span that ends at <paramref name="offset"/> in the edited text.</summary>
    public int ToSourceEnd(int offset)
    {
        for (int i = _stages.Length - 1; i >= 0; i--) offset = _stages[i].BackEnd(offset);
        return offset;
    }

    /// <summary>Source span of the edited span [start, end).</summary>
    public (int Start, int End) ToSource(int start, int end)
    {
        int s = ToSourceStart(start), e = ToSourceEnd(end);
        return e < s ? (s, s) : (s, e);
    }

    /// <summary>Edited-text offset of a span that starts at source <paramref name="offset"/>.</summary>
    public int ToEditedStart(int offset)
    {
        foreach (var s in _stages) offset = s.ForwardStart(offset);
        return offset;
    }

    /// <summary>Edited-text offset of a span that ends at source <paramref name="offset"/>.</summary>
    public int ToEditedEnd(int offset)
    {
        foreach (var s in _stages) offset = s.ForwardEnd(offset);
        return offset;
    }

    /// <summary>Edited span of the source span [start, end).</summary>
    public (int Start, int End) ToEdited(int start, int end)
    {
        int s = ToEditedStart(start), e = ToEditedEnd(end);
        return e < s ? (s, s) : (s, e);
    }
}
