using System.Diagnostics;
using Extractor.Cleanup;

namespace Extractor.Evaluation;

/// <summary>Counts of one document (or a sum of documents) from which the cleanup figures are computed.</summary>
public sealed record CleanupCounts
{
    public int Documents { get; init; }
    public long GoldChars { get; init; }
    public long RawCharEdits { get; init; }
    public long CleanCharEdits { get; init; }
    public long GoldWords { get; init; }
    public long RawWordEdits { get; init; }
    public long CleanWordEdits { get; init; }
    /// <summary>Raw words in an equal block of raw->gold.</summary>
    public long CorrectRawWords { get; init; }
    /// <summary>Correct raw words not in an equal block of raw->cleaned.</summary>
    public long DamagedWords { get; init; }
    /// <summary>Cleaned words not in an equal block of cleaned->raw.</summary>
    public long ChangedWords { get; init; }
    /// <summary>Changed cleaned words in an equal block of cleaned->gold.</summary>
    public long RightChangedWords { get; init; }
    public double Seconds { get; init; }
    public double CleanerSeconds { get; init; }

    public double RawCer => Ratio(RawCharEdits, GoldChars);
    public double CleanCer => Ratio(CleanCharEdits, GoldChars);
    public double RawWer => Ratio(RawWordEdits, GoldWords);
    public double CleanWer => Ratio(CleanWordEdits, GoldWords);
    /// <summary>(CER_raw - CER_clean) / CER_raw; 0 when the raw text has no errors.</summary>
    public double CerReduction => RawCharEdits == 0 ? 0 : (double)(RawCharEdits - CleanCharEdits) / RawCharEdits;
    /// <summary>Right changes / changes; NaN when nothing changed.</summary>
    public double ChangePrecision => ChangedWords == 0 ? double.NaN : (double)RightChangedWords / ChangedWords;
    public double DamageRate => Ratio(DamagedWords, CorrectRawWords);

    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;

    public static CleanupCounts operator +(CleanupCounts x, CleanupCounts y) => new()
    {
        Documents = x.Documents + y.Documents,
        GoldChars = x.GoldChars + y.GoldChars,
        RawCharEdits = x.RawCharEdits + y.RawCharEdits,
        CleanCharEdits = x.CleanCharEdits + y.CleanCharEdits,
        GoldWords = x.GoldWords + y.GoldWords,
        RawWordEdits = x.RawWordEdits + y.RawWordEdits,
        CleanWordEdits = x.CleanWordEdits + y.CleanWordEdits,
        CorrectRawWords = x.CorrectRawWords + y.CorrectRawWords,
        DamagedWords = x.DamagedWords + y.DamagedWords,
        ChangedWords = x.ChangedWords + y.ChangedWords,
        RightChangedWords = x.RightChangedWords + y.RightChangedWords,
        Seconds = x.Seconds + y.Seconds,
        CleanerSeconds = x.CleanerSeconds + y.CleanerSeconds,
    };

    /// <summary>The one line of figures: raw/clean CER, reduction, raw/clean WER, change precision, damage rate, words changed, docs, seconds.</summary>
    public string Summary() =>
        $"raw CER {Pct(RawCer)}  clean CER {Pct(CleanCer)}  reduction {Pct(CerReduction, 1)}  " +
        $"raw WER {Pct(RawWer)}  clean WER {Pct(CleanWer)}  " +
        $"change precision {(double.IsNaN(ChangePrecision) ? "n/a" : ChangePrecision.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))}  " +
        $"damage rate {Pct(DamageRate, 3)}  words changed {ChangedWords} ({RightChangedWords} right, {DamagedWords} damaged)  " +
        $"docs {Documents}  {Seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s (cleaner {CleanerSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s)";

    private static string Pct(double v, int decimals = 2) =>
        (v * 100).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) + " %";
}

/// <summary>A changed stretch of words shown by --details: what the OCR read, what cleanup made of it, what is right.</summary>
public sealed record ChangeExample(string DocumentId, ChangeKind Kind, string Raw, string Cleaned, string Gold, string Context);

public enum ChangeKind { Damaged, WrongChange, RightChange }

/// <summary>The score of one document and, when asked, its examples.</summary>
public sealed record DocumentCleanupScore(string DocumentId, CleanupCounts Counts, IReadOnlyList<ChangeExample> Examples);

/// <summary>
/// Scores cleaned OCR text against gold text (issue 3): all three texts normalized the same way (NFC, whitespace
/// runs folded to one space, trimmed); CER and WER by Levenshtein distance; damage and change precision from word
/// alignments raw->gold, raw->cleaned and cleaned->gold.
/// </summary>
public static class CleanupEvaluator
{
    /// <summary>Cleans <paramref name="pair"/>'s OCR text with <paramref name="cleaner"/> and scores it.</summary>
    public static DocumentCleanupScore Evaluate(OcrGoldPair pair, ICleaner cleaner, bool examples = false)
    {
        var watch = Stopwatch.StartNew();
        var cleaned = cleaner.Clean(pair.Ocr).Text;
        double cleanerSeconds = watch.Elapsed.TotalSeconds;
        var score = Score(pair.Id, pair.Ocr, cleaned, pair.Gold, examples);
        return score with { Counts = score.Counts with { Seconds = watch.Elapsed.TotalSeconds, CleanerSeconds = cleanerSeconds } };
    }

    /// <summary>Scores one document's raw OCR text and its cleaned text against the gold text.</summary>
    public static DocumentCleanupScore Score(string id, string raw, string cleaned, string gold, bool examples = false)
    {
        string r = TextNormalizer.Normalize(raw), c = TextNormalizer.Normalize(cleaned), g = TextNormalizer.Normalize(gold);
        var rw = TextNormalizer.Words(r);
        var cw = TextNormalizer.Words(c);
        var gw = TextNormalizer.Words(g);

        var rawGold = Alignment.OfWords(rw, gw);
        bool sameText = string.Equals(r, c, StringComparison.Ordinal);
        var rawClean = sameText ? null : Alignment.OfWords(rw, cw);
        var cleanGold = sameText ? rawGold : Alignment.OfWords(cw, gw);

        int rawCharEdits = Levenshtein.Distance(r, g);
        int cleanCharEdits = sameText ? rawCharEdits : Levenshtein.Distance(c, g);

        var correct = rawGold.EqualMaskA();
        var keptRaw = rawClean?.EqualMaskA();
        var keptClean = rawClean?.EqualMaskB();
        var cleanRight = cleanGold.EqualMaskA();
        long correctCount = 0, damaged = 0, changed = 0, right = 0;
        for (int i = 0; i < rw.Length; i++)
        {
            if (!correct[i]) continue;
            correctCount++;
            if (keptRaw is not null && !keptRaw[i]) damaged++;
        }
        if (keptClean is not null)
            for (int j = 0; j < cw.Length; j++)
                if (!keptClean[j]) { changed++; if (cleanRight[j]) right++; }

        var counts = new CleanupCounts
        {
            Documents = 1,
            GoldChars = g.Length,
            RawCharEdits = rawCharEdits,
            CleanCharEdits = cleanCharEdits,
            GoldWords = gw.Length,
            RawWordEdits = rawGold.Distance,
            CleanWordEdits = cleanGold.Distance,
            CorrectRawWords = correctCount,
            DamagedWords = damaged,
            ChangedWords = changed,
            RightChangedWords = right,
        };
        var list = examples && rawClean is not null ? Examples(id, rw, cw, gw, rawClean, rawGold, cleanGold, correct, cleanRight) : [];
        return new DocumentCleanupScore(id, counts, list);
    }

    // One example per run of differing blocks of raw->cleaned (a dehyphenation is a deletion next to a replacement):
    // damaged when it touches a correct raw word; right when every cleaned word of it matches gold (or, for a pure
    // deletion, when none of the deleted words was correct); wrong otherwise.
    private static List<ChangeExample> Examples(string id, string[] rw, string[] cw, string[] gw,
        Alignment rawClean, Alignment rawGold, Alignment cleanGold, bool[] correct, bool[] cleanRight)
    {
        var list = new List<ChangeExample>();
        var blocks = rawClean.Blocks;
        for (int k = 0; k < blocks.Count; k++)
        {
            if (blocks[k].Tag == EditTag.Equal) continue;
            int k2 = k;
            while (k2 + 1 < blocks.Count && blocks[k2 + 1].Tag != EditTag.Equal) k2++;
            var bl = new AlignedBlock(EditTag.Replace, blocks[k].A1, blocks[k2].A2, blocks[k].B1, blocks[k2].B2);
            k = k2;
            bool damages = false;
            for (int i = bl.A1; i < bl.A2; i++) damages |= correct[i];
            bool allRight = true;
            for (int j = bl.B1; j < bl.B2; j++) allRight &= cleanRight[j];
            var kind = damages ? ChangeKind.Damaged : allRight ? ChangeKind.RightChange : ChangeKind.WrongChange;
            // Gold words for the run: the gold span aligned to the raw words (via raw->gold) or the cleaned words.
            var (g1, g2) = bl.LengthA > 0 ? Project(rawGold, bl.A1, bl.A2) : Project(cleanGold, bl.B1, bl.B2);
            string context = string.Join(' ', rw[Math.Max(0, bl.A1 - 4)..bl.A1]) + " [" + string.Join(' ', rw[bl.A1..bl.A2]) + "] " +
                             string.Join(' ', rw[bl.A2..Math.Min(rw.Length, bl.A2 + 4)]);
            list.Add(new ChangeExample(id, kind, string.Join(' ', rw[bl.A1..bl.A2]), string.Join(' ', cw[bl.B1..bl.B2]),
                string.Join(' ', gw[g1..g2]), context.Trim()));
        }
        return list;
    }

    // The b-range that the a-range [a1, a2) corresponds to; a range touching a differing run of the alignment takes
    // the whole run (a word the OCR split in two maps to the one gold word, not to nothing).
    private static (int, int) Project(Alignment al, int a1, int a2)
    {
        var blocks = al.Blocks;
        int first = -1, last = -1;
        for (int k = 0; k < blocks.Count; k++)
        {
            var bl = blocks[k];
            bool touches = bl.LengthA == 0 ? bl.A1 >= a1 && bl.A1 <= a2 : bl.A1 < Math.Max(a2, a1 + 1) && bl.A2 > a1;
            if (!touches) continue;
            if (first < 0) first = k;
            last = k;
        }
        if (first < 0) return (0, 0);
        while (first > 0 && blocks[first].Tag != EditTag.Equal && blocks[first - 1].Tag != EditTag.Equal) first--;
        while (last + 1 < blocks.Count && blocks[last].Tag != EditTag.Equal && blocks[last + 1].Tag != EditTag.Equal) last++;
        int b1 = int.MaxValue, b2 = -1;
        for (int k = first; k <= last; k++)
        {
            var bl = blocks[k];
            int s = bl.B1, e = bl.B2;
            if (bl.Tag == EditTag.Equal)
            {
                s = bl.B1 + Math.Max(0, a1 - bl.A1);
                e = bl.B1 + Math.Min(bl.LengthA, a2 - bl.A1);
            }
            b1 = Math.Min(b1, s);
            b2 = Math.Max(b2, e);
        }
        return (b1, Math.Max(b1, b2));
    }
}
