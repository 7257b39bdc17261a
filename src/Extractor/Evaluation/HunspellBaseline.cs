using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Extractor.Cleanup;
using Extractor.Core;

namespace Extractor.Evaluation;

/// <summary>What hunspell said about one word in pipe mode (<c>hunspell -a</c>).</summary>
public enum HunspellVerdict
{
    Correct,       // "*", or "+ ROOT" / "-" (right through an affix or a compound)
    Misspelled,    // "& WORD COUNT OFFSET: s1, s2, ..."
    NoSuggestion,  // "# WORD OFFSET"
}

/// <summary>
/// One result line of <c>hunspell -a</c>. <see cref="Offset"/> is the word's index in code points in the line as
/// sent, counting the leading <c>^</c>: the word starts at code point Offset - 1 of the text after it.
/// </summary>
public sealed record HunspellWord(HunspellVerdict Verdict, string Word, int Offset, IReadOnlyList<string> Suggestions);

/// <summary>Reading <c>hunspell -a</c> output: pure functions, tested without the program.</summary>
public static class HunspellOutput
{
    /// <summary>
    /// One result line; null for the empty line that ends the results of an input line. Correct words carry no
    /// word or offset (hunspell does not say them). Throws <see cref="FormatException"/> on a line it does not know.
    /// </summary>
    public static HunspellWord? ParseLine(string line)
    {
        if (line.Length == 0) return null;
        switch (line[0])
        {
            case '*':
            case '-':
                return new HunspellWord(HunspellVerdict.Correct, "", 0, []);
            case '+':
                return new HunspellWord(HunspellVerdict.Correct, line.Length > 2 ? line[2..] : "", 0, []);
            case '#':
            {
                // # WORD OFFSET
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3 || !int.TryParse(parts[2], out int offset)) throw Bad(line);
                return new HunspellWord(HunspellVerdict.NoSuggestion, parts[1], offset, []);
            }
            case '&':
            case '?':
            {
                // & WORD COUNT OFFSET: s1, s2, ...   (a suggestion may hold a space: "w rod"; ispell's "?" has guesses)
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                var head = (colon < 0 ? line.TrimEnd(':') : line[..colon]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (head.Length != 4 || !int.TryParse(head[2], out _) || !int.TryParse(head[3], out int offset)) throw Bad(line);
                var suggestions = colon < 0 ? [] : line[(colon + 2)..].Split(", ");
                return line[0] == '&'
                    ? new HunspellWord(HunspellVerdict.Misspelled, head[1], offset, suggestions)
                    : new HunspellWord(HunspellVerdict.NoSuggestion, head[1], offset, []);
            }
            default:
                throw Bad(line);
        }
    }

    private static FormatException Bad(string line) => new($"hunspell: unexpected output line '{line}'");

    /// <summary>The UTF-16 index in <paramref name="s"/> of code point number <paramref name="codePoint"/> (a lone surrogate counts as one, as UTF-8 encoding makes it U+FFFD); -1 past the end.</summary>
    public static int CharIndex(string s, int codePoint)
    {
        int i = 0;
        for (int n = 0; n < codePoint; n++)
        {
            if (i >= s.Length) return -1;
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }
        return i <= s.Length ? i : -1;
    }

    /// <summary>
    /// The edits of the naive cleanup for one line sent: each misspelled word replaced by its first suggestion
    /// (taken as it is, with a space if it has one), words without suggestion kept. <paramref name="line"/> is the
    /// text of the line as sent without the <c>^</c>, starting at <paramref name="lineStart"/> in the whole text.
    /// A reported word that is not found at its offset, or overlaps the previous edit, is skipped; with
    /// <paramref name="skipWordsWithDigits"/> so is a word holding a digit (<c>G3</c>, <c>mm3</c>, <c>24h</c>), as a
    /// tool that splits words on letters alone would never ask about it.
    /// </summary>
    public static IEnumerable<(TextEdit Edit, Correction Correction)> Edits(string line, int lineStart, IEnumerable<HunspellWord> results,
        bool skipWordsWithDigits = false)
    {
        int end = 0;
        foreach (var r in results)
        {
            if (r.Verdict != HunspellVerdict.Misspelled || r.Suggestions.Count == 0) continue;
            if (skipWordsWithDigits && r.Word.Any(char.IsDigit)) continue;
            int start = CharIndex(line, r.Offset - 1);
            if (start < end || start + r.Word.Length > line.Length || string.CompareOrdinal(line, start, r.Word, 0, r.Word.Length) != 0) continue;
            end = start + r.Word.Length;
            string replacement = r.Suggestions[0];
            yield return (new TextEdit(lineStart + start, lineStart + end, replacement),
                new Correction(lineStart + start, lineStart + end, r.Word, replacement, "hunspell", 1.0, true,
                    $"first of {r.Suggestions.Count} hunspell suggestions"));
        }
    }

    /// <summary>
    /// The stretches of <paramref name="text"/> sent to hunspell, one a line: split at line breaks (LF, CR, form
    /// feed, vertical tab, which stay in the text untouched; empty lines are not sent), and lines longer than <paramref name="maxBytes"/>
    /// UTF-8 bytes split at the last space before it (hunspell reads its input in lines of at most 8191 bytes and
    /// would check the rest of a longer one as a line of its own).
    /// </summary>
    public static List<(int Start, int Length)> Lines(string text, int maxBytes = 8000)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\n' or '\r' or '\f' or '\v')) continue;
            if (i > start) SplitLong(text, start, i, maxBytes, lines); // an empty line has nothing to check
            start = i + 1;
        }
        return lines;
    }

    private static void SplitLong(string text, int start, int end, int maxBytes, List<(int, int)> lines)
    {
        while (true)
        {
            int bytes = 0, i = start, lastSpace = -1;
            for (; i < end; i++)
            {
                int b = text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : char.IsSurrogate(text[i]) ? 2 : 3;
                if (bytes + b > maxBytes) break;
                bytes += b;
                if (text[i] is ' ' or '\t') lastSpace = i;
            }
            if (i >= end) { lines.Add((start, end - start)); return; }
            int cut = lastSpace > start ? lastSpace : i;
            if (cut > start && char.IsLowSurrogate(text[cut]) && char.IsHighSurrogate(text[cut - 1])) cut--;
            lines.Add((start, cut - start));
            start = cut;
        }
    }

    /// <summary>A stretch of text as sent after the <c>^</c>: control characters (NUL ends a C string) become spaces, one for one, so offsets hold.</summary>
    public static string Sendable(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        bool clean = true;
        foreach (char c in span) if (c < ' ' && c != '\t' || c == '\x7f') { clean = false; break; }
        if (clean) return span.ToString();
        return string.Create(length, (text, start), (dst, st) =>
        {
            for (int k = 0; k < dst.Length; k++)
            {
                char c = st.text[st.start + k];
                dst[k] = c < ' ' && c != '\t' || c == '\x7f' ? ' ' : c;
            }
        });
    }
}

/// <summary>hunspell missing, or it would not start with the dictionaries asked for.</summary>
public sealed class HunspellException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The naive OCR cleanup issue 3 compares against: every word hunspell rejects replaced by its first suggestion
/// (Debian's <c>hunspell -a -d en_US,en_med_glut</c>). One hunspell process is kept for the cleaner's life; each
/// text is written to it line by line on one task while its answers are read on the calling thread.
/// <see cref="CpuSeconds"/> is the child's CPU time since its dictionaries were loaded.
/// </summary>
public sealed class HunspellBaseline : ICleaner, IDisposable
{
    public const string DefaultDictionaries = "en_US,en_med_glut";

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private TimeSpan _lastCpu;
    private bool _disposed;

    public string Dictionaries { get; }
    /// <summary>The child's CPU seconds for starting and loading the dictionaries.</summary>
    public double StartupCpuSeconds { get; }
    /// <summary>UTF-8 bytes of all texts cleaned.</summary>
    public long Bytes { get; private set; }
    public int Texts { get; private set; }
    /// <summary>Keep words holding a digit as they are (issue 3's figures were measured so: docs/cleanup.md).</summary>
    public bool SkipWordsWithDigits { get; init; }

    public HunspellBaseline(string dictionaries = DefaultDictionaries, string program = "hunspell")
    {
        Dictionaries = dictionaries;
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var a in new[] { "-a", "-d", dictionaries }) info.ArgumentList.Add(a);
        // hunspell takes its input encoding from the locale: in C it would read UTF-8 bytes as Latin-1 and count offsets in bytes.
        info.Environment["LC_ALL"] = "C.UTF-8";
        try { _process = Process.Start(info) ?? throw new HunspellException($"{program} did not start"); }
        catch (Win32Exception ex)
        {
            throw new HunspellException($"{program} not found: apt-get install hunspell (Debian package; scripts/setup installs it)", ex);
        }
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        // The banner comes after the dictionaries are loaded; none means hunspell gave up.
        var banner = _process.StandardOutput.ReadLine();
        if (banner is null || !banner.StartsWith("@(#)", StringComparison.Ordinal))
        {
            _process.WaitForExit(5000);
            string why;
            lock (_stderr) why = _stderr.ToString().Trim();
            if (why.Length == 0) why = banner is null ? $"exited with code {(_process.HasExited ? _process.ExitCode : -1)}" : $"printed '{banner}'";
            Kill();
            throw new HunspellException($"{program} -a -d {dictionaries}: {why.ReplaceLineEndings(" ")} (dictionaries in /usr/share/hunspell: apt-get install hunspell-en-us hunspell-en-med)");
        }
        _lastCpu = ChildCpu();
        StartupCpuSeconds = _lastCpu.TotalSeconds;
    }

    /// <summary>The child's CPU seconds spent on the texts so far (read while it runs, after the last answer came back).</summary>
    public double CpuSeconds => (_lastCpu.TotalSeconds - StartupCpuSeconds);

    public CleanResult Clean(string text)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var lines = HunspellOutput.Lines(text);
            var stdin = _process.StandardInput;
            // Writer and reader run at once: hunspell answers as it reads, and a big text would fill both pipes.
            var writer = Task.Run(() =>
            {
                foreach (var (start, length) in lines)
                {
                    stdin.Write('^');
                    stdin.Write(HunspellOutput.Sendable(text, start, length));
                    stdin.Write('\n');
                }
                stdin.Flush();
            });
            var edits = new List<TextEdit>();
            var corrections = new List<Correction>();
            var results = new List<HunspellWord>();
            try
            {
                foreach (var (start, length) in lines)
                {
                    results.Clear();
                    while (true)
                    {
                        var line = ReadAnswer();
                        var word = HunspellOutput.ParseLine(line);
                        if (word is null) break;
                        results.Add(word);
                    }
                    foreach (var (edit, correction) in HunspellOutput.Edits(text.Substring(start, length), start, results, SkipWordsWithDigits))
                    {
                        edits.Add(edit);
                        corrections.Add(correction);
                    }
                }
            }
            finally
            {
                try { writer.Wait(); } catch (AggregateException) when (_process.HasExited) { }
            }
            _lastCpu = ChildCpu();
            Bytes += Encoding.UTF8.GetByteCount(text);
            Texts++;
            var (cleaned, map) = EditMap.Apply(text, edits);
            return new CleanResult(cleaned, map, corrections);
        }
    }

    /// <summary>Longest wait for one answer line (hunspell's slowest suggestions take seconds) before it counts as hung.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(120);

    // A hunspell that took a line as a command would answer nothing: fail instead of waiting for ever.
    private string ReadAnswer()
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(AnswerTimeout))
        {
            Kill();
            throw new HunspellException($"hunspell gave no answer for {AnswerTimeout.TotalSeconds:0} s");
        }
        return read.Result ?? throw Died();
    }

    private TimeSpan ChildCpu()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException) { return _lastCpu; } // exited: its /proc entry is gone
    }

    private HunspellException Died()
    {
        _process.WaitForExit(2000);
        string why;
        lock (_stderr) why = _stderr.ToString().Trim();
        return new HunspellException($"hunspell stopped answering{(why.Length > 0 ? ": " + why.ReplaceLineEndings(" ") : "")}");
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) Kill();
            }
            catch (IOException) { Kill(); }
            _process.Dispose();
        }
    }
}
