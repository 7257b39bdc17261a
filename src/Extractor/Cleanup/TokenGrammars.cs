using System.Text;
using System.Text.RegularExpressions;

namespace Extractor.Cleanup;

/// <summary>
/// Structured tokens are checked against their grammar, not a dictionary: TNM codes (O/0, I/l/|/1 confusions),
/// units after a number (one confusion away from a known unit), Greek letters after known stems (IFN-a -> IFN-α),
/// dose schedules and dimensions (X3/W, 3 x 4 cm -> ×), numbers with letters inside, figure references (Fig.l),
/// and a word run into its number (grade3/4 -> grade 3/4).
/// </summary>
public sealed partial class TokenGrammars : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.TokenGrammars;

    public void Propose(CleanupContext ctx)
    {
        Tnm(ctx);
        Greek(ctx);
        Schedules(ctx);
        DoseFrequencies(ctx);
        Dimensions(ctx);
        Units(ctx);
        UnitsAfterWord(ctx);
        Numbers(ctx);
        FigureReferences(ctx);
        WordNumberSpacing(ctx);
        Dashes(ctx);
        RomanNumerals(ctx);
        Multipliers(ctx);
        DigitLookalikes(ctx);
        BracketOnes(ctx);
        FivesInNumbers(ctx);
        AtForZero(ctx);
        DollarDigits(ctx);
        Codes(ctx);
    }

    // ---- Multiplication signs OCR reads as another mark ----
    // A power of ten after a number and before what it counts (a count per volume: 6.2 × 109/L, 92 × 103 cells/μL):
    // the sign between them is ×, whatever the engine made of it (x < \ » * % N, a spaced hyphen), and a "10" whose
    // digits were read as letters (JO9, lU6) is 10.
    [GeneratedRegex(@"(?:(?<=(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?[ \t]?)[x<\\»«*%N©]|(?<=(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?[ \t])-(?=[ \t]))(?=[ \t]?(?<ten>[1IJl|][0OoU])(?<exp>1[0-5]|[1-9])[ \t]?(?:/\s?(?:[μµu]?[lL]|mm3|mL|ml|litre|liter|kg|hpf)\b|cells|copies|IU|CFU|per\b))", RegexOptions.CultureInvariant)]
    private static partial Regex PowerOfTen();

    // Digits run into an "x" and digits (10x25 mm, 15.5x5.9x4.0 cm, 1.62x108/L) or a length unit run into an "x"
    // before a number (4.5 cmx 5.1 cm): a product, never a letter. A hexadecimal "0x1F" is left alone.
    [GeneratedRegex(@"x(?<=(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?:[x×]\d+(?:[.,]\d+)?)*x)(?=\d)|x(?<=\d[ \t]?(?:cm|mm)x)(?=[ \t]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex JoinedTimes();

    private static void Multipliers(CleanupContext ctx)
    {
        string text = ctx.Text;
        if (MayHoldJoinedTimes(text))
            foreach (Match m in JoinedTimes().Matches(text))
                if (!(m.Index >= 1 && text[m.Index - 1] == '0' && (m.Index == 1 || !char.IsAsciiDigit(text[m.Index - 2]))))   // 0x1F
                    ctx.Propose(m.Index, m.Index + 1, "×", "grammar.dimension", 0.88, "an x between numbers is a multiplication sign");
        if (!MayHoldPowerOfTen(text)) return;
        foreach (Match m in PowerOfTen().Matches(text))
        {
            var ten = m.Groups["ten"];
            if (m.Value == "x" && ten.Value == "10") continue;   // the dimension rules handle a plain "x 10"
            double conf = m.Value == "-" ? 0.82 : 0.88;
            ctx.Propose(m.Index, m.Index + 1, "×", "grammar.dimension", conf, "multiplication sign before a power of ten");
            if (ten.Value != "10")
                ctx.Propose(ten.Index, ten.Index + 2, "10", "grammar.number", conf, "a power of ten read with letters");
        }
    }

    // Every JoinedTimes match is an x before a digit, or before a space or tab and a digit (most texts have no x there).
    private static bool MayHoldJoinedTimes(string text)
    {
        for (int x = text.IndexOf('x'); x >= 0; x = text.IndexOf('x', x + 1))
        {
            int d = x + 1;
            if (d < text.Length && text[d] is ' ' or '\t') d++;
            if (d < text.Length && char.IsDigit(text[d])) return true;
        }
        return false;
    }

    // Every PowerOfTen match holds its ten ([1IJl|][0OoU]) before an exponent's first digit (1-9).
    private static bool MayHoldPowerOfTen(string text)
    {
        var span = text.AsSpan();
        for (int k = span.IndexOfAnyInRange('1', '9'); k >= 0;)
        {
            if (k >= 2 && text[k - 1] is '0' or 'O' or 'o' or 'U' && text[k - 2] is '1' or 'I' or 'J' or 'l' or '|') return true;
            int next = span[(k + 1)..].IndexOfAnyInRange('1', '9');
            k = next < 0 ? -1 : k + 1 + next;
        }
        return false;
    }

    // ---- A dollar or section sign read for a digit 8 before a unit ($3 kg, § mg), or for an S in a code the
    // document writes with S elsewhere ($100 beside S100). ----
    private static void DollarDigits(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOfAny(DollarLike); i >= 0; i = text.IndexOfAny(DollarLike, i + 1))
        {
            if (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('(' or '[')) continue;
            int e = i + 1;
            while (e < text.Length && (char.IsAsciiDigit(text[e]) || (text[e] is '.' or ',' && e + 1 < text.Length && char.IsAsciiDigit(text[e + 1])))) e++;
            int u = e;
            if (u < text.Length && text[u] is ' ' or '\t' or '\n') u++;   // a line may end before the unit
            int ue = u; while (ue < text.Length && !char.IsWhiteSpace(text[ue]) && text[ue] is not (',' or ';' or ')' or ']')) ue++;
            string unit = text[u..ue].TrimEnd('.');
            if (unit.Length > 0 && ctx.Data.Units.Contains(unit) && !unit.StartsWith('%'))
            {
                ctx.Propose(i, i + 1, "8", "grammar.number", 0.85, "a dollar/section sign before a unit is the digit 8");
                continue;
            }
            if (text[i] != '$') continue;
            int ce = i + 1;
            if (ce < text.Length && text[ce] == '-') ce++;
            int ds = ce; while (ce < text.Length && char.IsAsciiDigit(text[ce])) ce++;
            if (ce == ds || (ce < text.Length && char.IsLetterOrDigit(text[ce]))) continue;
            string code = "S" + text[(i + 1)..ce];
            bool written = false;
            for (int k = text.IndexOf(code, StringComparison.Ordinal); k >= 0 && !written; k = text.IndexOf(code, k + 1, StringComparison.Ordinal))
                written = (k == 0 || !char.IsLetterOrDigit(text[k - 1])) && (k + code.Length >= text.Length || !char.IsLetterOrDigit(text[k + code.Length]));
            if (written) { ctx.Propose(i, i + 1, "S", "grammar.number", 0.85, $"the document writes {code}"); continue; }
            var (conf, reason) = SCodeEvidence(ctx, i, ce, text[(ds)..ce]);
            ctx.Propose(i, i + 1, "S", "grammar.number", conf, reason);
        }
    }

    private static readonly char[] DollarLike = ['$', '§'];

    // A dollar sign before a number the document or batch does not write as an S code: an S code still, when the
    // document writes other S codes (heart sounds S1, S2; S-100), or the batch writes this code or, for a one- or
    // two-digit number, S codes of one digit in two other texts. Not an amount (a decimal or thousands part, an
    // amount word after it) and not a value after a verb or preposition ("was $6").
    private static (double Conf, string Reason) SCodeEvidence(CleanupContext ctx, int dollar, int end, string digits)
    {
        const string maybe = "a dollar sign before a code may be an S";
        string text = ctx.Text;
        if (end + 1 < text.Length && text[end] is '.' or ',' && char.IsAsciiDigit(text[end + 1])) return (0.5, maybe);
        int w = end; while (w < text.Length && text[w] == ' ') w++;
        if (text.AsSpan(w).StartsWith("million") || text.AsSpan(w).StartsWith("billion") || text.AsSpan(w).StartsWith("per ")) return (0.5, maybe);
        int pe = dollar; while (pe > 0 && text[pe - 1] == ' ') pe--;
        int ps = pe; while (ps > 0 && char.IsLetter(text[ps - 1])) ps--;
        if (text.AsSpan(ps, pe - ps) is "was" or "were" or "is" or "are" or "of" or "to" or "at" or "from" or "than" or "cost" or "costs" or "USD" or "US") return (0.5, maybe);
        // The document's own S codes (S1, S-100): any S, a digit, not this dollar.
        for (int k = text.IndexOf('S'); k >= 0; k = text.IndexOf('S', k + 1))
        {
            if (k > 0 && char.IsLetterOrDigit(text[k - 1])) continue;
            int d = k + 1; if (d < text.Length && text[d] == '-') d++;
            int de = d; while (de < text.Length && char.IsAsciiDigit(text[de])) de++;
            if (de > d && (de == text.Length || !char.IsLetterOrDigit(text[de]))) return (0.85, $"the document writes S codes ({text[k..de]})");
        }
        if (ctx.Options.CorpusCounts is not { } corpus) return (0.5, maybe);
        int exact = corpus.GetValueOrDefault("S" + digits);
        if (exact >= 1) return (0.82, $"the batch writes S{digits} ({exact} other texts)");
        if (digits.Length <= 2)
        {
            int family = 0;
            for (char c = '0'; c <= '9'; c++) family += corpus.GetValueOrDefault("S" + c);
            if (family >= 2) return (0.82, $"the batch writes S codes ({family} texts)");
        }
        return (0.5, maybe);
    }

    // ---- TNM: prefix letters, T, N, M groups; the digits may be read as O/o (0) or I/l/| (1). ----
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<pre>[ycrpau]{0,3})T(?<t>[0-4OoIl|]|is|X|x)(?<ts>[a-d]?)(?<mult>\(m\))?(?<nsp> ?)N(?<n>[0-3OoIl|]|X|x)(?<ns>[a-c]?)(?:(?<msp> ?)M(?<m>[01OoIl|]{1,2}|X|x)(?<ms>[a-c]?))?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex TnmCode();

    // Every TNM code holds a T with an N two to eight characters after it (T1N0, pT3 NO, T2a(m)N1): most documents have
    // none, and the regex's own search stops at every a, c, p, r, u and y.
    private static bool MayHoldTnm(string text)
    {
        for (int t = text.IndexOf('T'); t >= 0; t = text.IndexOf('T', t + 1))
        {
            // (the T group is a digit or its look-alike, "is", X or x: "The", "CT and N" hold none)
            if (t + 1 >= text.Length || text[t + 1] is not (>= '0' and <= '4' or 'O' or 'o' or 'I' or 'l' or '|' or 'i' or 'X' or 'x')) continue;
            int from = t + 2, to = Math.Min(text.Length, t + 9);
            if (from < to && text.AsSpan(from, to - from).Contains('N')) return true;
        }
        return false;
    }

    private static char Digit(char c) => c switch { 'O' or 'o' => '0', 'I' or 'l' or '|' => '1', _ => c };

    private static void Tnm(CleanupContext ctx)
    {
        if (!MayHoldTnm(ctx.Text)) return;
        foreach (Match m in TnmCode().Matches(ctx.Text))
        {
            // Without a prefix (T3N1M0) the code must hold a real digit: "TONI" is no stage.
            if (m.Groups["pre"].Length == 0 && !m.ValueSpan.ContainsAnyInRange('0', '9')) continue;
            // A space between the T and N groups (pT3 NO): only after a real T digit, and never a lower-case o
            // ("T1 No change").
            if (m.Groups["nsp"].Length > 0 && (!char.IsAsciiDigit(m.Groups["t"].Value[0]) || m.Groups["n"].Value == "o")) continue;
            var sb = new StringBuilder();
            sb.Append(m.Groups["pre"].Value).Append('T');
            var t = m.Groups["t"].Value;
            sb.Append(t.Length == 1 ? Digit(t[0]) : t).Append(m.Groups["ts"].Value).Append(m.Groups["mult"].Value);
            sb.Append(m.Groups["nsp"].Value).Append('N').Append(Digit(m.Groups["n"].Value[0])).Append(m.Groups["ns"].Value);
            if (m.Groups["m"].Success)
            {
                var mv = m.Groups["m"].Value;
                string md;
                if (mv.Length == 1) md = Digit(mv[0]).ToString();
                else
                {
                    // Two glyphs for one digit ("I1"): the same digit read twice, once as a letter.
                    char a = Digit(mv[0]), b = Digit(mv[1]);
                    if (a != b || (mv[0] == a && mv[1] == b)) continue;
                    md = a.ToString();
                }
                // A space before M is OCR's when the M group was misread too ("N1 MO"); a clean "N0 M0" keeps it.
                if (mv == md || m.Groups["nsp"].Length > 0) sb.Append(m.Groups["msp"].Value);   // spaced groups stay spaced
                sb.Append('M').Append(md).Append(m.Groups["ms"].Value);
            }
            ctx.Propose(m.Index, m.Index + m.Length, sb.ToString(), "grammar.tnm", 0.95, "TNM code grammar");
        }
    }

    // ---- Greek letters after known stems: IFN-a, TNF-a, interferon-g ... ----
    private static void Greek(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int h = text.IndexOf('-'); h >= 0; h = text.IndexOf('-', h + 1))
        {
            if (h + 1 >= text.Length || text[h + 1] is not ('a' or 'b' or 'g' or 'k')) continue;
            if (h + 2 < text.Length && char.IsLetter(text[h + 2])) continue;
            int st = h; while (st > 0 && char.IsAsciiLetterOrDigit(text[st - 1])) st--;
            if (st == h || !char.IsAsciiLetter(text[st]) || (st > 0 && char.IsLetterOrDigit(text[st - 1]))) continue;
            string stem = text[st..h];
            if (!ctx.Data.GreekStems.Contains(stem)) continue;
            // Abbreviation stems are upper case as written (IFN, TNF); a lower-case stem must be a word stem (interferon).
            if (Chars.Any(stem, char.IsUpper) && Chars.Any(stem, char.IsLower) && !Chars.Any(stem, char.IsDigit) && stem.Length <= 5) continue;
            string greek = text[h + 1] switch { 'a' => "α", 'b' => "β", 'g' => "γ", _ => "κ" };
            ctx.Propose(h + 1, h + 2, greek, "grammar.greek", 0.9, $"Greek letter after {stem}-");
        }
    }

    // ---- Dose schedules: X3/W, x2/d -> ×3/W ----
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[Xx](?=[1-9][0-9]?\s?/\s?(?:W|w|wk|wks|week|weeks|d|D|day|days|M|mo|month)(?![\p{L}]))", RegexOptions.CultureInvariant)]
    private static partial Regex ScheduleTimes();

    private static void Schedules(CleanupContext ctx)
    {
        if (!MayHoldSchedule(ctx.Text)) return;
        foreach (Match m in ScheduleTimes().Matches(ctx.Text))
            ctx.Propose(m.Index, m.Index + 1, "×", "grammar.schedule", 0.9, "multiplication sign in a dose schedule");
    }

    // Every schedule match is an X or x before a digit 1-9 (few texts have one).
    private static bool MayHoldSchedule(string text)
    {
        for (int x = text.AsSpan().IndexOfAny('X', 'x'); x >= 0;)
        {
            if (x + 1 < text.Length && text[x + 1] is >= '1' and <= '9') return true;
            int next = text.AsSpan(x + 1).IndexOfAny('X', 'x');
            x = next < 0 ? -1 : x + 1 + next;
        }
        return false;
    }

    // ---- Latin dose frequencies that lost their inner dots after a dose: 500 mg bid. -> b.i.d. ----
    [GeneratedRegex(@"(?<=\d(?:[.,]\d+)?[ \t]?(?:mg|g|μg|ug|mcg|mL|ml|IU|MIU|U|units?|tablets?|capsules?|drops?|puffs?)[ \t]+)(?<f>[bBtTqQ])(?<i>[iI])(?<d>[dD])\.(?=[ \t]+[\p{Ll}\d(,])", RegexOptions.CultureInvariant)]
    private static partial Regex DoseFrequency();

    private static void DoseFrequencies(CleanupContext ctx)
    {
        if (!MayHoldDoseFrequency(ctx.Text)) return;
        foreach (Match m in DoseFrequency().Matches(ctx.Text))
        {
            string dotted = $"{m.Groups["f"].Value}.{m.Groups["i"].Value}.{m.Groups["d"].Value}.";
            ctx.Propose(m.Index, m.Index + m.Length, dotted, "grammar.frequency", 0.85, "dose frequency abbreviation after a dose");
        }
    }

    // Every match holds "id." (any case) after a b, t or q: few documents do.
    private static bool MayHoldDoseFrequency(string text)
    {
        for (int k = text.IndexOf("id.", StringComparison.OrdinalIgnoreCase); k >= 0; k = text.IndexOf("id.", k + 1, StringComparison.OrdinalIgnoreCase))
            if (k > 0 && text[k - 1] is 'b' or 'B' or 't' or 'T' or 'q' or 'Q') return true;
        return false;
    }

    // ---- Dimensions and multipliers: 3 x 4 cm, 5 x 10^9 -> ×; "*" or "«" for × only before a length unit ----
    [GeneratedRegex(@"(?<=\d(?:[.,]\d+)?(?:\s?(?:cm|mm|μm|um|m))?[ \t])x(?=[ \t]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DimensionTimes();

    [GeneratedRegex(@"(?<=\d(?:[.,]\d+)?(?:\s?(?:cm|mm))?[ \t]?)[*«](?=[ \t]?\d+(?:[.,]\d+)?(?:[ \t]?(?:cm|mm)\b|[ \t]?[x×*«][ \t]?\d+(?:[.,]\d+)?[ \t]?(?:cm|mm)\b))", RegexOptions.CultureInvariant)]
    private static partial Regex DimensionSymbol();

    private static void Dimensions(CleanupContext ctx)
    {
        string text = ctx.Text;
        if (MayHoldDimensionTimes(text))
            foreach (Match m in DimensionTimes().Matches(text))
                ctx.Propose(m.Index, m.Index + 1, "×", "grammar.dimension", 0.9, "multiplication sign between numbers");
        if (text.AsSpan().IndexOfAny('*', '«') < 0) return;   // the symbol read for ×
        foreach (Match m in DimensionSymbol().Matches(ctx.Text))
            ctx.Propose(m.Index, m.Index + 1, "×", "grammar.dimension", 0.85, "multiplication sign between lengths");
    }

    // Every DimensionTimes match is an x between a space or tab and a space or tab before a digit.
    private static bool MayHoldDimensionTimes(string text)
    {
        for (int x = text.IndexOf('x'); x >= 0; x = text.IndexOf('x', x + 1))
            if (x > 0 && x + 2 < text.Length && text[x - 1] is ' ' or '\t' && text[x + 1] is ' ' or '\t' && char.IsDigit(text[x + 2])) return true;
        return false;
    }

    // ---- Units after a number ----
    // The unit may follow a hyphen (a 3-cm incision); its first character is no dash, so "5-7 TU/L" reaches the 7.
    // A line may end between the number and its unit (a peak of 40 / em from).
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?:[ \t]+(?:million|thousand|billion))?(?<sep>[ \t]?|-|\r?\n)(?<unit>[^\s\d.,;:()\-–][^\s]*)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberThenUnit();

    private static void Units(CleanupContext ctx)
    {
        var quiet = ctx.Memo.QuietUnits;
        string text = ctx.Text;
        foreach (var (at, length) in UnitTokens(text))
        {
            // The separator is "-" exactly where a hyphen stands before the unit (the other separators are spaces, a line
            // break or nothing after a digit or "million").
            bool hyphen = text[at - 1] == '-';
            // Most tokens after numbers ("5 days", "3 patients") come again and again: a token that came to nothing by the
            // tests below that read only the token (not the text around it) comes to nothing again (the unit key of a
            // token after a hyphen holds the hyphen; a unit never starts with one).
            var key = hyphen ? text.AsSpan(at - 1, length + 1) : text.AsSpan(at, length);
            if (quiet.Contains(key)) continue;
            if (!UnitAt(ctx, at, length, hyphen)) quiet.Add(key.ToString());
        }
    }

    /// <summary>
    /// The unit groups (start, length) of NumberThenUnit's matches over the text. A text with digits outside ASCII is
    /// scanned by the regex; any other is scanned here without it (no match objects): a match starts at a digit run no
    /// letter, number, stop or comma precedes, and the regex's choices (digits, decimal part, "million", separator) are
    /// tried in its own backtracking order until the unit's first character fits.
    /// </summary>
    internal static List<(int At, int Length)> UnitTokens(string text)
    {
        if (HasOtherDigit(text)) return UnitTokensByRegex(text);
        var found = new List<(int, int)>();
        int n = text.Length, from = 0;
        while (from < n)
        {
            int d = text.AsSpan(from).IndexOfAnyInRange('0', '9');
            if (d < 0) break;
            int p = from + d;
            if (p > 0 && (char.IsLetter(text[p - 1]) || char.IsNumber(text[p - 1]) || text[p - 1] is '.' or ','))
            {
                from = p + 1;
                continue;
            }
            int unit = UnitStartAt(text, p);
            if (unit < 0) { from = p + 1; continue; }
            int end = unit + 1; while (end < n && !char.IsWhiteSpace(text[end])) end++;
            found.Add((unit, end - unit));
            from = end;
        }
        return found;
    }

    /// <summary>The unit groups of NumberThenUnit's matches, by the regex.</summary>
    internal static List<(int At, int Length)> UnitTokensByRegex(string text)
    {
        var found = new List<(int, int)>();
        foreach (Match m in NumberThenUnit().Matches(text)) { var g = m.Groups["unit"]; found.Add((g.Index, g.Length)); }
        return found;
    }

    // The start of the unit of a NumberThenUnit match at p (a digit), or -1 when none matches there.
    private static int UnitStartAt(string text, int p)
    {
        int n = text.Length, digitsEnd = p;
        while (digitsEnd < n && char.IsAsciiDigit(text[digitsEnd])) digitsEnd++;
        for (int a = digitsEnd; a > p; a--)                                      // \d+, longest first
        {
            // (?:[.,]\d+)?: with the decimal part (its digits longest first), then without
            int decimalEnd = a;
            if (a + 1 < n && text[a] is '.' or ',' && char.IsAsciiDigit(text[a + 1]))
            {
                decimalEnd = a + 1; while (decimalEnd < n && char.IsAsciiDigit(text[decimalEnd])) decimalEnd++;
                for (int b = decimalEnd; b > a + 1; b--)
                    if (AfterNumber(text, b) is var u && u >= 0) return u;
            }
            if (AfterNumber(text, a) is var v && v >= 0) return v;
        }
        return -1;
    }

    // After the number (ending at `e`): (?:[ \t]+(?:million|thousand|billion))? then the separator and the unit's first character.
    private static int AfterNumber(string text, int e)
    {
        int n = text.Length, s = e;
        while (s < n && text[s] is ' ' or '\t') s++;
        if (s > e)
            foreach (var word in s_amountWords)
                if (text.AsSpan(s).StartsWith(word, StringComparison.Ordinal) && AfterSeparator(text, s + word.Length) is var u && u >= 0) return u;
        return AfterSeparator(text, e);
    }

    private static readonly string[] s_amountWords = ["million", "thousand", "billion"];

    // (?<sep>[ \t]?|-|\r?\n)(?<unit>[^\s\d.,;:()\-–]...): the unit's start after the separator tried in order, or -1.
    private static int AfterSeparator(string text, int e)
    {
        int n = text.Length;
        if (e < n && text[e] is ' ' or '\t' && UnitFirst(text, e + 1)) return e + 1;
        if (UnitFirst(text, e)) return e;
        if (e < n && text[e] == '-' && UnitFirst(text, e + 1)) return e + 1;
        if (e + 1 < n && text[e] == '\r' && text[e + 1] == '\n' && UnitFirst(text, e + 2)) return e + 2;
        if (e < n && text[e] == '\n' && UnitFirst(text, e + 1)) return e + 1;
        return -1;
    }

    private static bool UnitFirst(string text, int k) =>
        k < text.Length && !char.IsWhiteSpace(text[k]) && !char.IsDigit(text[k]) && text[k] is not ('.' or ',' or ';' or ':' or '(' or ')' or '-' or '–');

    // The unit rules for the token `g` after a number; false when they proposed nothing and read nothing but the token.
    private static bool UnitAt(CleanupContext ctx, int at, int length, bool hyphen)
    {
        var units = ctx.Data.Units;
        {
            string raw = ctx.Text.Substring(at, length);
            // A unit before "-sized", "-thick" (a 4 cm-sized mass): the unit is the part before the hyphen.
            int dash = raw.IndexOf('-');
            if (dash > 0 && dash + 1 < raw.Length && char.IsLetter(raw[dash + 1]) && Chars.All(raw.AsSpan(0, dash), char.IsLetter)) raw = raw[..dash];
            string u = raw.TrimEnd('.', ',', ';', ':', ')', ']', '}', '|', '!');
            // (the bracket and slash tests below read the text around the token: such a token is never quiet)
            bool around = false;
            if (u.Length < raw.Length && u.Length >= 2 && raw[u.Length] is ']' or '|' or '!' && units.Contains(u + "l"))
            {
                around = true;
                if (raw[u.Length] != ']' || !ClosesBracket(ctx.Text, at + u.Length))
                {
                    // mg/d], mg/d|: the closing mark is the l of the unit (no bracket opened before it).
                    ctx.Propose(at, at + u.Length + 1, u + "l", "grammar.unit", 0.86, "unit after a number, its l read as a mark");
                    return true;
                }
            }
            if (u.Length >= 3 && u[^1] == '/' && raw.Length == u.Length)
            {
                around = true;
                if (SplitUnit(ctx, at, u)) return true;
            }
            if (u.Length < 2 || u.Length > 12 || units.Contains(u)) return around;
            if (ctx.Data.CommonWords.Contains(u.ToLowerInvariant())) { DoseWord(ctx, at, length, u); return around || u is "me" or "my"; }
            if (!Chars.Any(u, char.IsLetter)) return around;
            // Tesseract has no μ: a unit spelled with u where μ makes a known unit is the micro unit (umol/L, ug, /uL),
            // whatever other confusion (u for m) also reaches a unit; with one more confusion too (umol/I).
            int micro = u.IndexOf('u');
            if (micro >= 0 && (micro == 0 || u[micro - 1] == '/'))
            {
                string mu = string.Concat(u.AsSpan(0, micro), "μ", u.AsSpan(micro + 1));
                string? found = units.Contains(mu) ? mu : null;
                if (found is null && !hyphen && u.Length >= 4)
                    foreach (var (cand, _) in ctx.Channel.TableEdits(mu))
                        if (cand.Length == mu.Length && units.Contains(cand) && cand.Contains('μ') && !CaseOnly(mu, cand)) { found = cand; break; }
                if (found is not null)
                {
                    ctx.Propose(at, at + u.Length, found, "grammar.unit", 0.88, "micro unit read as u after a number");
                    return true;
                }
            }
            // Substitutions only (the same length): a unit is short, and insertions/deletions would invent units.
            // One confusion; for a compound unit no word can be (mmel/1, ymoV/L) two.
            var (best, bestP, second) = UnitCandidate(ctx, u, 1);
            bool twoEdits = false;
            if (best is null && !hyphen && u.Length >= 4 && u.Contains('/') && !ctx.Lexicon.IsCoreWord(u))
            {
                (best, bestP, second) = UnitCandidate(ctx, u, 2);
                twoEdits = best is not null;
            }
            if (best is null) return around;
            // After a hyphen only lengths (a 3-cm incision): 5-FU, 3-D are names, not units.
            if (hyphen && best is not ("cm" or "mm")) return around;
            // Plain English words after numbers (a unit-like "in", "on") need more than one confusion to become units.
            bool isWord = ctx.Lexicon.IsCoreWord(u) && u.Length > 2;
            double conf = (second > 0 ? 0.6 : twoEdits ? 0.85 : 0.92) * (isWord ? 0.5 : 1.0);
            ctx.Propose(at, at + u.Length, best, "grammar.unit", conf, twoEdits ? "unit after a number (two confusions)" : "unit after a number");
            return true;
        }
    }

    // A `]` after a unit closes a bracket only when one opened before it that no later `)` on the line closes: in
    // "(bilirubin 0.9 mg/d], ALT 38 U/L)" the round bracket is closed at its end, so the `]` is the unit's l.
    private static bool ClosesBracket(string text, int at)
    {
        int opener = OpenerOf(text, at);
        if (opener < 0) return false;
        if (text[opener] != '(') return true;
        for (int k = at + 1; k < text.Length && k < at + 200; k++)
        {
            char c = text[k];
            if (c is '(' or '[' || c == '\n' && k + 1 < text.Length && text[k + 1] is '\n' or '\f') return true;   // to the paragraph's end
            if (c == ')') return false;
        }
        return true;
    }

    // A compound unit the line spaced after its slash ("mmoi/ L", "mmo// L"): the parts are checked together, and the
    // part before the space mended.
    private static bool SplitUnit(CleanupContext ctx, int at, string u)
    {
        string text = ctx.Text;
        int ds = at + u.Length + 1, de = ds;
        if (ds >= text.Length || text[ds - 1] != ' ') return false;
        while (de < text.Length && de - ds <= 3 && char.IsAsciiLetter(text[de])) de++;
        if (de == ds || de - ds > 3 || (de < text.Length && char.IsLetterOrDigit(text[de]))) return false;
        string denominator = text[ds..de], whole = u + denominator;
        var units = ctx.Data.Units;
        if (units.Contains(whole) || !units.Contains("/" + denominator) && !units.Contains(denominator)) return true;
        var (best, _, second) = UnitCandidate(ctx, whole, 1);
        if (best is null || second > 0 || !best.EndsWith("/" + denominator, StringComparison.Ordinal)) return true;
        ctx.Propose(at, at + u.Length, best[..u.Length], "grammar.unit", 0.86, "unit after a number, spaced after its slash");
        return true;
    }

    // Two spellings that differ only in the case of a letter (ug/dl, μg/dL): the author's choice, not OCR's.
    private static bool CaseOnly(string a, string b) => a.Length == b.Length && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // A micro unit after a word and a slash (cells/yL, leukocytes/yg): y is no spelling of micro (authors do write
    // u for it, so u stays).
    private static void UnitsAfterWord(CleanupContext ctx)
    {
        string text = ctx.Text;
        var units = ctx.Data.Units;
        for (int k = text.IndexOf("/y", StringComparison.Ordinal); k >= 0; k = text.IndexOf("/y", k + 2, StringComparison.Ordinal))
        {
            if (k == 0 || !char.IsLetter(text[k - 1])) continue;
            int e = k + 2; while (e < text.Length && char.IsAsciiLetter(text[e])) e++;
            if (e == k + 2 || e - k > 6) continue;
            string unit = string.Concat("/μ", text.AsSpan(k + 2, e - k - 2));
            if (!units.Contains(unit)) continue;
            ctx.Propose(k + 1, k + 2, "μ", "grammar.unit", 0.86, "micro unit read as y after a slash");
        }
    }

    // The known unit one (or two) table substitutions from u: the most probable, and the probability of the runner-up.
    // It depends on the token and the shared unit list and channel only: the rounds of a document share the answer.
    private static (string? Best, double P, double Second) UnitCandidate(CleanupContext ctx, string u, int edits)
    {
        var memo = ctx.Memo.UnitChoices;
        if (memo.TryGetValue((u, edits), out var known)) return known;
        return memo[(u, edits)] = UnitCandidateOf(ctx, u, edits);
    }

    private static (string? Best, double P, double Second) UnitCandidateOf(CleanupContext ctx, string u, int edits)
    {
        var units = ctx.Data.Units;
        int width = ctx.Channel.MaxSameLengthEdit;
        if (!MayReachUnit(units, u, edits, width)) return (null, 0, 0);
        if (units is not HashSet<string> set) return UnitCandidateByStrings(ctx, u, edits);
        // The same-length table edits (in ConfusionModel.TableEdits order) spelled out in buffers: only a unit becomes a string.
        var unitAt = set.GetAlternateLookup<ReadOnlySpan<char>>();
        var (byFirst, _) = EditsByFirst(ctx.Channel);
        string? best = null; double bestP = 0, second = 0;
        void Offer(ReadOnlySpan<char> cand, double p)
        {
            if (!unitAt.TryGetValue(cand, out var unit) || cand.SequenceEqual(u)) return;
            if (unit == best) { bestP = Math.Max(bestP, p); return; }
            if (p > bestP) { second = best is null ? second : bestP; bestP = p; best = unit; } else if (p > second) second = p;
        }
        var w = u.AsSpan();
        Span<char> c1 = u.Length <= 64 ? stackalloc char[u.Length] : new char[u.Length];
        Span<char> c2 = u.Length <= 64 ? stackalloc char[u.Length] : new char[u.Length];
        for (int i = 0; i < w.Length; i++)
        {
            if (!byFirst.TryGetValue(w[i], out var list)) continue;
            foreach (var (o1, n1, p1) in list)
            {
                if (n1.Length != o1.Length || i + o1.Length > w.Length || !w.Slice(i, o1.Length).SequenceEqual(o1)) continue;
                w.CopyTo(c1); n1.AsSpan().CopyTo(c1[i..]);
                if (edits == 1) { Offer(c1, p1); continue; }
                if (c1.Equals(w, StringComparison.OrdinalIgnoreCase)) continue;
                // A second same-length edit changes one window of c1: no unit within one window, none to reach from c1.
                if (!unitAt.Contains(c1) && !MayReachUnit(units, c1, 1, width)) continue;
                for (int j = 0; j < c1.Length; j++)
                {
                    if (!byFirst.TryGetValue(c1[j], out var list2)) continue;
                    foreach (var (o2, n2, p2) in list2)
                    {
                        // (a second edit that changes the length makes no unit of the token's length)
                        if (n2.Length != o2.Length || j + o2.Length > c1.Length || !c1.Slice(j, o2.Length).SequenceEqual(o2)) continue;
                        c1.CopyTo(c2); n2.AsSpan().CopyTo(c2[j..]);
                        if (!c2.Equals(c1, StringComparison.OrdinalIgnoreCase) && Differences(w, c2) == 2) Offer(c2, p1 * p2);   // two places, not one edited twice
                    }
                }
            }
        }
        return (best, bestP, second);
    }

    private static int Differences(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length) return -1;
        int d = 0;
        for (int k = 0; k < a.Length; k++) if (a[k] != b[k]) d++;
        return d;
    }

    private static (string? Best, double P, double Second) UnitCandidateByStrings(CleanupContext ctx, string u, int edits)
    {
        var units = ctx.Data.Units;
        string? best = null; double bestP = 0, second = 0;
        void Offer(string cand, double p)
        {
            if (cand.Length != u.Length || !units.Contains(cand) || cand == u) return;
            if (cand == best) { bestP = Math.Max(bestP, p); return; }
            if (p > bestP) { second = best is null ? second : bestP; bestP = p; best = cand; } else if (p > second) second = p;
        }
        foreach (var (c1, p1) in ctx.Channel.TableEdits(u))
        {
            if (c1.Length != u.Length) continue;
            if (edits == 1) Offer(c1, p1);
            else if (!CaseOnly(u, c1))
                foreach (var (c2, p2) in ctx.Channel.TableEdits(c1))
                    if (!CaseOnly(c1, c2) && Differences(u, c2) == 2) Offer(c2, p1 * p2);   // two places, not one edited twice
        }
        return (best, bestP, second);
    }

    // Every word after a number comes here ("5 days", "3 patients"): a same-length table edit changes a window of at
    // most `width` characters, so a unit of the same length that differs from the token outside `edits` such windows
    // is out of reach, and the token's table edits need not be spelled out.
    private static bool MayReachUnit(IReadOnlySet<string> units, ReadOnlySpan<char> u, int edits, int width)
    {
        var byLength = s_unitsByLength.GetValue(units, set => set.GroupBy(x => x.Length).ToDictionary(g => g.Key, g => g.ToArray()));
        if (!byLength.TryGetValue(u.Length, out var sameLength)) return false;
        foreach (var unit in sameLength)
        {
            int first = -1, windows = 0, windowStart = -1;
            for (int k = 0; k < u.Length; k++)
            {
                if (unit[k] == u[k]) continue;
                if (first < 0) first = k;
                if (windowStart < 0 || k - windowStart >= width) { windows++; windowStart = k; }
            }
            if (first >= 0 && windows <= edits) return true;
        }
        return false;
    }

    // The units by length (built once per unit list): a token is compared with those of its own length only.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlySet<string>, Dictionary<int, string[]>> s_unitsByLength = new();

    // "60 me daily", "40 my of furosemide": a common word after a number that one confusion makes mg is mg where a
    // dose continues (a frequency, "of" and a drug, a route).
    [GeneratedRegex(@"\G[ \t]+(?:daily|once|twice|of|per|orally|intravenously|iv|IV|i\.v\.|po|p\.o\.|bid|tid|qid|qd|every|weekly|a[ \t]day)\b|\G/(?:day|d|kg|m2|h)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DoseContinues();

    private static void DoseWord(CleanupContext ctx, int at, int length, string u)
    {
        if (u is not ("me" or "my") || length != 2) return;
        if (!DoseContinues().IsMatch(ctx.Text, at + 2)) return;
        ctx.Propose(at, at + 2, "mg", "grammar.unit", 0.85, "a dose in mg read as a word");
    }

    // ---- Numbers with confusable letters inside: 2O10, 1l -> digits (at least two real digits as evidence) ----
    private const string NumberLikePattern = @"(?<![\p{L}\p{N}.,/|!-])[0-9OoIl|]*[0-9][0-9OoIl|]*(?:[.,][0-9OoIl|]+)?(?![\p{L}\p{N}|!])";

    // The pattern tried at one place only (\G): see NumberLikes.
    [GeneratedRegex(@"\G" + NumberLikePattern, RegexOptions.CultureInvariant)]
    private static partial Regex NumberLikeAt();

    private static readonly System.Buffers.SearchValues<char> NumberGlyphs = System.Buffers.SearchValues.Create("0123456789OoIl|");

    // The matches of NumberLikePattern over the text that hold a letter and two digits, found without scanning the text
    // with the regex (it stops at every o and l): a match starts where no letter, digit or mark of the pattern stands
    // before it, and runs on from there over digits and look-alikes up to a digit; so the regex is tried once at the
    // start of each run of digits and look-alikes that holds a digit, when the run with its decimal marks holds a
    // letter and two digits. Matches cannot overlap (the look-behind), so these are the scan's matches.
    private static IEnumerable<Match> NumberLikes(string text)
    {
        int lastStart = -1;
        for (int d = text.AsSpan().IndexOfAnyInRange('0', '9'); d >= 0;)
        {
            int p = d;
            while (p > 0 && NumberGlyphs.Contains(text[p - 1])) p--;
            if (p != lastStart && (p == 0 || !(char.IsLetter(text[p - 1]) || char.IsNumber(text[p - 1]) || text[p - 1] is '.' or ',' or '/' or '|' or '!' or '-')))
            {
                lastStart = p;
                int digits = 0, letters = 0;
                for (int k = p; k < text.Length && (NumberGlyphs.Contains(text[k]) || text[k] is '.' or ','); k++)
                    if (char.IsAsciiDigit(text[k])) digits++; else if (text[k] is not ('.' or ',')) letters++;
                if (letters > 0 && digits >= 2 && NumberLikeAt().Match(text, p) is { Success: true } m) yield return m;
            }
            else lastStart = p;
            int next = text.AsSpan(d + 1).IndexOfAnyInRange('0', '9');
            d = next < 0 ? -1 : d + 1 + next;
        }
    }

    private static void Numbers(CleanupContext ctx)
    {
        foreach (Match m in NumberLikes(ctx.Text))
        {
            var v = m.Value;
            int digits = Chars.Count(v, char.IsDigit), letters = Chars.Count(v, c => c is 'O' or 'o' or 'I' or 'l' or '|');
            if (letters == 0 || digits < 2 || letters > 1) continue;
            var fixedNum = new string(v.Select(Digit).ToArray());
            ctx.Propose(m.Index, m.Index + m.Length, fixedNum, "grammar.number", 0.85, "letter inside a number");
        }
        // A lone bar stands for the digit one before a unit or a counted noun ("| g", "for | month") or after one ("day |").
        string text = ctx.Text;
        for (int bar = text.IndexOf('|'); bar >= 0; bar = text.IndexOf('|', bar + 1))
        {
            if (bar > 0 && !char.IsWhiteSpace(text[bar - 1]) && text[bar - 1] != '(') continue;
            if (OnRuledLine(text, bar)) continue; // a column rule of a table written with bars ("| Study | Year |")
            int k = bar + 1;
            if (k < text.Length && (char.IsLetterOrDigit(text[k]) || text[k] == '|')) { if (!char.IsLetter(text[k])) continue; }
            if (k < text.Length && text[k] is ' ' or '\t') k++;
            int ae = k; while (ae < text.Length && (char.IsLetter(text[ae]) || text[ae] is '/' or 'μ')) ae++;
            string after = text[k..ae];
            int be = bar; while (be > 0 && text[be - 1] is ' ' or '\t') be--;
            int bs = be; while (bs > 0 && char.IsLetter(text[bs - 1])) bs--;
            string before = be < bar ? text[bs..be].ToLowerInvariant() : "";
            bool counted = ctx.Data.Units.Contains(after) || ctx.Data.NumberedNouns.Contains(after.ToLowerInvariant())
                           || (ctx.Data.NumberedNouns.Contains(before) && !RomanProne.Contains(before));
            if (!counted) continue;
            ctx.Propose(bar, bar + 1, "1", "grammar.number", 0.85, "lone bar before/after a unit or counted noun is the digit one");
        }
    }

    // A short token made only of letters that look like digits (S 5, O 0, I l L | 1) standing where a number stands:
    // before a unit (SO mg, Omm, S-cm) or a counted noun (S months, I year, LO days).
    private static void DigitLookalikes(CleanupContext ctx)
    {
        string text = ctx.Text;
        foreach (int i in DigitLikeStarts(text))
        {
            if (i > 0 && text[i - 1] is not (' ' or '\n' or '\t' or '(')) continue;
            int e = i; while (e < text.Length && e - i < 4 && Array.IndexOf(DigitLike, text[e]) >= 0) e++;
            if (e - i > 3 || e >= text.Length) continue;
            // Most hits are words starting with one of these letters ("left", "Some"): only a space, a hyphen, or an
            // S/O run into a unit's first letter can follow.
            if (char.IsLetter(text[e]) && !(text[e] is 'm' or 'c' or 'k' or 'g' or 'μ' && text.AsSpan(i, e - i).IndexOfAny("IlL|") < 0)) continue;
            int u = e;
            if (text[u] is ' ' or '-') u++;
            int ue = u; while (ue < text.Length && (char.IsLetterOrDigit(text[ue]) || text[ue] is '/' or 'μ' or 'µ')) ue++;
            if (ue == u || (ue < text.Length && text[ue] == '-')) continue;
            string after = text[u..ue];
            bool unit = ctx.Data.Units.Contains(after) && after.Length >= 2 && !(after.Length == 1 && e == u);
            bool counted = u > e && (text[e] == ' ' || text[e] == '-' && !after.EndsWith('s')) && CountedTimeNouns.Contains(after);   // S months, J-month
            if (!unit && !counted) continue;
            // Joined to its unit only S and O ("Omm", "Scm"): an I before a unit letter makes a unit itself (IU/L).
            if (e == u && (!unit || text.AsSpan(i, e - i).IndexOfAny("IlL|") >= 0)) continue;
            int pe = i - 1; while (pe > 0 && text[pe] == ' ') pe--;
            int ps = pe; while (ps > 0 && char.IsLetter(text[ps - 1])) ps--;
            if (pe > ps && RomanProne.Contains(text[ps..(pe + 1)].ToLowerInvariant())) continue;   // "type I", "stage II"
            if (text.AsSpan(i, e - i).Contains('J') && (e - i > 1 || !counted || after.EndsWith('s'))) continue;   // J alone before one (a J-month history)
            string digits = new(text.AsSpan(i, e - i).ToArray().Select(c => c switch { 'S' => '5', 'O' or 'o' => '0', _ => '1' }).ToArray());
            if (digits.Length > 1 && digits[0] == '0') continue;
            ctx.Propose(i, e, digits, "grammar.number", 0.85, unit ? "letters for digits before a unit" : "letters for digits before a counted noun");
        }
    }

    private static readonly char[] DigitLike = ['S', 'O', 'I', 'l', 'L', '|', 'J'];
    private static readonly System.Buffers.SearchValues<char> DigitLikeGlyphs = System.Buffers.SearchValues.Create(DigitLike);   // (seven characters: a char[] search would not be vectorised)

    private static readonly System.Buffers.SearchValues<char> DigitLikeButL = System.Buffers.SearchValues.Create("SOIL|J");
    private static readonly string[] LAtWordStart = [" l", "\nl", "\tl", "(l"];

    // The places DigitLookalikes reads on from, in order: its glyphs, but an l only where it can start a token (after a
    // space, line break, tab or bracket, or at the start): the rule passes over any other l, and l is in every other word.
    internal static IEnumerable<int> DigitLikeStarts(string text)
    {
        // next[0]: the next glyph but l; next[1..4]: the next l after each of the four marks; int.MaxValue: none.
        var next = new int[5];
        int from = 0;
        void Refill()
        {
            if (next[0] < from) next[0] = NextOf(text, from, DigitLikeButL) is var k && k >= 0 ? k : int.MaxValue;
            for (int j = 0; j < LAtWordStart.Length; j++)
                if (next[j + 1] < from)
                    next[j + 1] = from >= 1 && text.IndexOf(LAtWordStart[j], from - 1, StringComparison.Ordinal) is var k && k >= 0 ? k + 1 : int.MaxValue;
        }
        if (text.Length > 0 && DigitLikeGlyphs.Contains(text[0])) yield return 0;
        from = 1;
        Array.Fill(next, -1);
        Refill();
        while (true)
        {
            int i = int.MaxValue;
            foreach (int k in next) i = Math.Min(i, k);
            if (i == int.MaxValue) yield break;
            yield return i;
            from = i + 1;
            Refill();
        }
    }

    // The next index of one of `values` at or after `from`, or -1.
    private static int NextOf(string text, int from, System.Buffers.SearchValues<char> values)
    {
        if (from >= text.Length) return -1;
        int k = text.AsSpan(from).IndexOfAny(values);
        return k < 0 ? -1 : from + k;
    }

    // ---- An S read for a 5 in a number: after its decimal digits (EF=0.5S), or at the start of a number a unit
    // follows (S04 ng/ml). S1, S100 without a unit are codes. ----
    private static void FivesInNumbers(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf('S'); i >= 0; i = text.IndexOf('S', i + 1))
        {
            bool digitBefore = i > 0 && char.IsAsciiDigit(text[i - 1]), digitAfter = i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!digitBefore && !digitAfter) continue;
            if (digitBefore)
            {
                // 0.5S: digits, a decimal mark and digits, then the S, then no letter or digit.
                int b = i - 1; while (b > 0 && char.IsAsciiDigit(text[b - 1])) b--;
                if (b < 2 || text[b - 1] is not ('.' or ',') || !char.IsAsciiDigit(text[b - 2])) continue;
                int a = b - 2; while (a > 0 && char.IsAsciiDigit(text[a - 1])) a--;
                if (a > 0 && char.IsLetter(text[a - 1]) || i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])) continue;
                ctx.Propose(i, i + 1, "5", "grammar.number", 0.85, "an S after a number's decimal digits is a 5");
                continue;
            }
            // S04 ng/ml: the S opens a number that a unit follows.
            if (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('(' or '=')) continue;
            int e = i + 1; while (e < text.Length && char.IsAsciiDigit(text[e])) e++;
            if (e - i < 3 || e + 1 >= text.Length || text[e] != ' ') continue;
            int ue = e + 1; while (ue < text.Length && (char.IsLetter(text[ue]) || text[ue] is '/' or 'μ')) ue++;
            string unit = text[(e + 1)..ue];
            if (unit.Length < 2 || !ctx.Data.Units.Contains(unit) || ue < text.Length && char.IsDigit(text[ue])) continue;
            ctx.Propose(i, i + 1, "5", "grammar.number", 0.85, "an S opening a number before a unit is a 5");
        }
    }

    // ---- An @ run into a number before a unit is its 0 (a gradient of 7@ mmHg); "2 tablets @ 8 h" is spaced ----
    private static void AtForZero(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf('@'); i > 0; i = text.IndexOf('@', i + 1))
        {
            if (!char.IsAsciiDigit(text[i - 1]) || i + 2 >= text.Length || text[i + 1] != ' ') continue;
            int b = i - 1; while (b > 0 && char.IsAsciiDigit(text[b - 1])) b--;
            if (b > 0 && (char.IsLetter(text[b - 1]) || text[b - 1] is '.' or '_' or '-')) continue;   // name7@host
            int ue = i + 2; while (ue < text.Length && (char.IsLetter(text[ue]) || text[ue] is '/' or 'μ')) ue++;
            if (ue == i + 2 || !ctx.Data.Units.Contains(text[(i + 2)..ue])) continue;
            ctx.Propose(i, i + 1, "0", "grammar.number", 0.85, "an @ run into a number before a unit is a 0");
        }
    }

    // ---- A bracket read for the digit 1 before a number ("(0 years", "[2 h", "}00%", "[6-60"): a bracket that opens
    // and is not closed in the next 300 characters (or closes and none opened), before a number that a unit, a counted noun,
    // a per cent sign or a range follows. ----
    private static readonly System.Buffers.SearchValues<char> BracketGlyphs = System.Buffers.SearchValues.Create("([{}]");

    private static void BracketOnes(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.AsSpan().IndexOfAny(BracketGlyphs); i >= 0;)
        {
            if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (i == 0 || char.IsWhiteSpace(text[i - 1]))
                && NumberBeforeUnit(ctx, i + 1) && !Paired(text, i))
                ctx.Propose(i, i + 1, "1", "grammar.number", 0.85, "a bracket no bracket answers, before a number and its unit, is the digit 1");
            int next = text.AsSpan(i + 1).IndexOfAny(BracketGlyphs);
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    // Whether the number at `at` is followed by a per cent sign, a range, or a unit or counted noun after a space.
    private static bool NumberBeforeUnit(CleanupContext ctx, int at)
    {
        string text = ctx.Text;
        int e = at; while (e < text.Length && char.IsAsciiDigit(text[e])) e++;
        if (e + 1 < text.Length && text[e] is '.' or ',' && char.IsAsciiDigit(text[e + 1])) { e++; while (e < text.Length && char.IsAsciiDigit(text[e])) e++; }
        if (e >= text.Length) return false;
        if (text[e] == '%') return true;
        if (text[e] is '-' or '–' && e + 1 < text.Length && char.IsAsciiDigit(text[e + 1])) return true;
        if (text[e] != ' ') return false;
        int u = e + 1, ue = u;
        while (ue < text.Length && (char.IsLetter(text[ue]) || text[ue] is '/' or 'μ')) ue++;
        if (ue == u) return false;
        string after = text[u..ue];
        return ctx.Data.Units.Contains(after) && after.Length >= 1 || CountedTimeNouns.Contains(after);
    }

    // Whether the bracket at `at` pairs with another within 300 characters (across blank lines: OCR breaks a
    // paragraph at a column's end): an opening one closed later, a closing one answering an opening one before it.
    private static bool Paired(string text, int at)
    {
        char c = text[at];
        bool opening = c is '(' or '[' or '{';
        int depth = 0;
        for (int k = opening ? at + 1 : at - 1, n = 0; k >= 0 && k < text.Length && n < 300; k += opening ? 1 : -1, n++)
        {
            char d = text[k];
            if (opening ? d is '(' or '[' or '{' : d is ')' or ']' or '}') depth++;
            else if (opening ? d is ')' or ']' or '}' : d is '(' or '[' or '{')
            {
                // A square bracket is not closed by the round one that closes a bracket opened before it.
                if (depth == 0) return !(c == '[' && d == ')');
                depth--;
            }
        }
        return false;
    }

    // Time nouns counted by a number ("5 months"); not nouns graded by Roman numerals (type I, grade II).
    private static readonly HashSet<string> CountedTimeNouns = new(StringComparer.Ordinal)
    {
        "days", "weeks", "months", "years", "hours", "minutes", "day", "week", "month", "year", "hour", "cycles", "times",
    };

    // A line that starts with a bar or holds three or more bars between spaces is a table drawn with column rules.
    private static bool OnRuledLine(string text, int bar)
    {
        int ls = text.LastIndexOf('\n', bar) + 1, le = text.IndexOf('\n', bar);
        var line = text.AsSpan(ls, (le < 0 ? text.Length : le) - ls);
        if (line.TrimStart().StartsWith("|") && line.Count('|') >= 2) return true;
        int spaced = 0;
        for (int i = 1; i + 1 < line.Length; i++)
            if (line[i] == '|' && char.IsWhiteSpace(line[i - 1]) && char.IsWhiteSpace(line[i + 1])) spaced++;
        return spaced >= 3;
    }

    // Nouns numbered with Roman numerals as often as with digits (class I, grade II): a bar after them is ambiguous.
    private static readonly HashSet<string> RomanProne = ["grade", "grades", "stage", "stages", "class", "type", "phase", "phases", "group", "groups", "lead", "leads", "segment", "segments", "arm", "arms"];

    // ---- Figure and table references: Fig.l, Figure |, Table l -> 1 ----
    [GeneratedRegex(@"\b(?:Fig|Figs|Figure|Figures|Table|Tables)\.?[ \t]?(?<d>[l|!])(?=[A-Za-z]?(?:[^\p{L}\p{N}]|$))", RegexOptions.CultureInvariant)]
    private static partial Regex FigureOne();

    // "Fig.2" or "Fig. 2": journals write figure references one way throughout, OCR adds or drops the space.
    [GeneratedRegex(@"\b(?<fig>Figs?\.)(?<space>[ \t]?)(?=\d)", RegexOptions.CultureInvariant)]
    private static partial Regex FigureAbbreviation();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:Fig(?<sep>[ ,\-]?)|Pig(?<stop>\.)(?<sep>[ ]?))(?=\d{1,2}[A-Ha-h]?(?:[^\p{L}\p{N}]|$))", RegexOptions.CultureInvariant)]
    private static partial Regex FigureWithoutStop();

    // A panel letter split from its figure number before a closing bracket, comma or range: "(Fig.1 A)" -> "(Fig.1A)".
    [GeneratedRegex(@"\bFigs?\.[ \t]?\d{1,2}(?<space>[ \t])[A-Ha-h](?=[),;]|[-–][A-Ha-h]\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SplitPanel();

    private static void FigureReferences(CleanupContext ctx)
    {
        foreach (Match m in FigureOne().Matches(ctx.Text))
        {
            var d = m.Groups["d"];
            ctx.Propose(d.Index, d.Index + 1, "1", "grammar.reference", 0.9, "figure/table number");
        }
        // The document's own convention decides: a journal writes figure references one way throughout, and OCR puts
        // a space into a tight "Fig.2" far more often than it loses a word space; so where the document writes
        // "Fig.N" at all, its "Fig. N" are OCR's.
        int joined = 0, spaced = 0;
        var refs = FigureAbbreviation().Matches(ctx.Text);
        foreach (Match m in refs) { if (m.Groups["space"].Length == 0) joined++; else spaced++; }
        if (joined >= 1)
            foreach (Match m in refs)
                if (m.Groups["space"] is { Length: > 0 } sp)
                    ctx.Propose(sp.Index, sp.Index + sp.Length, "", "grammar.reference", 0.85, $"figure references are written without a space in this document ({joined} to {spaced})");
        // A figure abbreviation that lost its stop or had it read as a comma or hyphen ("Fig 2", "Fig,2A", "Fig-3",
        // "Fig2"), or its F read as P ("Pig.1"): written the document's way, when the document shows one.
        if (ctx.Text.Contains("Fig", StringComparison.Ordinal) || ctx.Text.Contains("Pig.", StringComparison.Ordinal))   // (the two spellings it mends)
            foreach (Match m in FigureWithoutStop().Matches(ctx.Text))
            {
                bool stop = m.Groups["stop"].Success;
                if (!stop && joined == 0 && spaced == 0) continue;
                string fixedRef = "Fig." + (stop || joined >= spaced ? "" : " ");
                if (stop) fixedRef = "Fig." + m.Groups["sep"].Value;
                // OCR spaces a tight "Fig.2" more often than it joins a spaced one: a document that shows only spaced
                // references may be a joined one read loosely, so their way is only suggested.
                ctx.Propose(m.Index, m.Index + m.Length, fixedRef, "grammar.reference", stop || joined > 0 ? 0.85 : 0.6,
                    stop ? "figure abbreviation with its F misread" : $"figure reference written as the document writes them ({joined} joined, {spaced} spaced)");
            }
        foreach (Match m in SplitPanel().Matches(ctx.Text))
        {
            var sp = m.Groups["space"];
            ctx.Propose(sp.Index, sp.Index + 1, "", "grammar.reference", 0.85, "panel letter split from its figure number");
        }
    }

    // ---- Roman numerals after the nouns they number (stage Ill, type Il, class IT, grade IIT -> III, II, II, III) ----
    // The nouns stand in the pattern (not only in RomanProne) so the regex can skip to them instead of trying every word.
    [GeneratedRegex(@"\b(?<noun>(?i:grades?|stages?|class|type|phases?|groups?|leads?|segments?|arms?))[ \t](?<num>\[?[IlT1|]{0,3}V?|\[?[IlT1|]?[VX][IlT1|]{0,3})(?<sub>[a-cA-C]?[12]?)(?=[\s,.;:)]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RomanAfterNoun();

    private static readonly HashSet<string> ValidRoman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    private static void RomanNumerals(CleanupContext ctx)
    {
        foreach (Match m in RomanAfterNoun().Matches(ctx.Text))
        {
            if (!RomanProne.Contains(m.Groups["noun"].Value.ToLowerInvariant())) continue;
            var num = m.Groups["num"];
            string v = num.Value, sub = m.Groups["sub"].Value;
            if (v.Length == 0 || ValidRoman.Contains(v)) continue;   // right already
            // A square bracket for an I only where no bracket closes it ("stage [VB" is IVB; "[IB]" a bracket).
            if (v[0] == '[' && (v.Length == 1 || Closes(ctx.Text, num.Index))) continue;
            // A capital substage (IIIB, IA2) after a stroke or two: "type TB" is no stage.
            if (sub.Length > 0 && char.IsAsciiLetterUpper(sub[0]) && v.Length < 2) continue;
            bool convention = false;
            if (!v.Contains('I') && !v.Contains('V') && !v.Contains('X') && v[0] != '[')
            {
                // Strokes only: two or more that are no number (TT, ll, |l) are a numeral; a lone one (type 1, class |)
                // only where the document numbers this noun with Roman numerals and never with digits, a lone digit 1
                // where it does so twice.
                if (Chars.Any(v, char.IsAsciiDigit) && v.Length > 1) continue;
                if (v.Length == 1)
                {
                    if (sub.Length > 0 || RomanConvention(ctx.Text, m.Groups["noun"].Value) < (v == "1" ? 2 : 1)) continue;
                    convention = true;
                }
            }
            // ECG leads and vertebrae are V1, X1: a digit beside V or X is a code, not a misread I.
            if (!convention && Chars.Any(v, char.IsDigit) && (v.Contains('V') || v.Contains('X') || !v.Contains('I'))) continue;
            string roman = new(v.Select(c => c is 'l' or 'T' or '1' or '|' or '[' ? 'I' : c).ToArray());
            if (!ValidRoman.Contains(roman)) continue;
            ctx.Propose(num.Index, num.Index + num.Length, roman, "grammar.roman", convention ? 0.85 : 0.88,
                convention ? $"the document numbers \"{m.Groups["noun"].Value}\" with Roman numerals" : $"Roman numeral after \"{m.Groups["noun"].Value}\"");
        }
    }

    // How often the document writes `noun` (any case) before a Roman numeral; -1 when it also writes it before a digit.
    private static int RomanConvention(string text, string noun)
    {
        int roman = 0;
        for (int k = text.IndexOf(noun, StringComparison.OrdinalIgnoreCase); k >= 0; k = text.IndexOf(noun, k + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (k > 0 && char.IsLetter(text[k - 1])) continue;
            int a = k + noun.Length;
            if (a + 1 >= text.Length || text[a] != ' ') continue;
            int e = a + 1; while (e < text.Length && text[e] is 'I' or 'V' or 'X') e++;
            if (char.IsAsciiDigit(text[a + 1])) return -1;
            if (e > a + 1 && ValidRoman.Contains(text[(a + 1)..e]) && (e == text.Length || !char.IsAsciiLetterLower(text[e]) && !char.IsAsciiDigit(text[e]))) roman++;
        }
        return roman;
    }

    // ---- Dashes: Tesseract reads an en dash (ranges 2–3, pairs Child–Pugh) as an em dash, or as a hyphen beside one ----
    [GeneratedRegex(@"(?<=[\p{N}%])(?:—-|-—|——|—)(?=\p{N})|(?<=\b\p{Lu}\p{Ll}+)(?:—-|-—|——|—)(?=\p{Lu}\p{Ll}+\b)|(?<=\b\p{Lu}\p{N}{0,2})(?:—-|-—)(?=\p{Lu}?\p{N})|(?<=\d(?:st|nd|rd|th))—(?=\d+(?:st|nd|rd|th)\b)|(?<=\d[A-H])—(?=[A-H]\b)|(?<=\b\p{Lu}\p{Ll}{2,})—(?= \p{Lu}\p{Ll}{2,}\b)", RegexOptions.CultureInvariant)]
    private static partial Regex EmDashForEnDash();
    // (also: ordinal ranges 9th—25th, panel ranges 3B—D, a name pair split by a
    // line break "Wolff— Parkinson")

    // An em dash before a number after a space or bracket: a minus sign (−5.1, <—0.75).
    [GeneratedRegex(@"(?<=(?:^|[\s(\[<>=])[ \t]?)—(?=\d)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex EmDashForMinus();

    private static void Dashes(CleanupContext ctx)
    {
        if (ctx.Text.IndexOf('—') < 0) return;
        foreach (Match m in EmDashForEnDash().Matches(ctx.Text))
            ctx.Propose(m.Index, m.Index + m.Length, "–", "grammar.dash", 0.85, "em dash in a range or between the names of a pair is an en dash");
        foreach (Match m in EmDashForMinus().Matches(ctx.Text))
            ctx.Propose(m.Index, m.Index + 1, "−", "grammar.dash", 0.82, "em dash before a number is a minus sign");
    }

    // Whether the text holds a decimal digit outside ASCII (char.IsDigit is true for them too).
    private static bool HasOtherDigit(string text)
    {
        var span = text.AsSpan();
        for (int k = span.IndexOfAnyExceptInRange('\0', '\x7f'); k >= 0;)
        {
            if (char.IsDigit(span[k])) return true;
            int next = span[(k + 1)..].IndexOfAnyExceptInRange('\0', '\x7f');
            k = next < 0 ? -1 : k + 1 + next;
        }
        return false;
    }

    // ---- A word run into the number after it: grade3/4, stage2, day5 ----
    private static void WordNumberSpacing(CleanupContext ctx)
    {
        string text = ctx.Text;
        int n = text.Length;
        // Only a letter before a digit matters: the search jumps to the next ASCII digit, unless the text holds another digit.
        bool asciiDigits = !HasOtherDigit(text);
        for (int i = 0; i + 1 < n; i++)
        {
            if (asciiDigits)
            {
                int d = text.AsSpan(i + 1).IndexOfAnyInRange('0', '9');
                if (d < 0) break;
                i += d;
            }
            if (!char.IsDigit(text[i + 1]) || !char.IsLetter(text[i])) continue;
            int ws = i; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
            if (i + 1 - ws < 3) continue;
            if (ws > 0 && (char.IsDigit(text[ws - 1]) || text[ws - 1] is '-' or '/')) continue;
            int ne = i + 1; while (ne < n && char.IsDigit(text[ne])) ne++;
            if (ne + 1 < n && text[ne] is '.' or '/' or '-' or '–' && char.IsDigit(text[ne + 1])) { ne++; while (ne < n && char.IsDigit(text[ne])) ne++; }
            if (ne < n && char.IsLetterOrDigit(text[ne])) continue;
            string w = text[ws..(i + 1)];
            bool lower = Chars.All(w, char.IsLower), capital = char.IsUpper(w[0]) && Chars.All(w, char.IsLower, 1);
            if (!lower && !capital) continue;   // CD20, IgG4, HbA1c: codes, not words
            // Only nouns that are counted or graded by a number (grade 3, stage 2, day 14): identifiers like
            // "feature1" or "Waltz85" are written joined on purpose.
            if (!ctx.Data.NumberedNouns.Contains(w.ToLowerInvariant())) continue;
            ctx.Propose(ws, ne, w + " " + text[(i + 1)..ne], "spacing", 0.88, "word run into its number");
            i = ne;
        }
    }
}
