using System.Diagnostics;
using System.Globalization;
using Extractor.Pipeline;

// Not "Console": a namespace of that name would hide System.Console from every command.
namespace Extractor.Cli.Terminal;

/// <summary>
/// Batch progress on stderr. On a terminal: one bar redrawn in place (documents done / total, pages per minute,
/// time left); elsewhere (a log file, CI): one plain line per document. Errors always get a line of their own;
/// <c>--quiet</c> keeps only them.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly TextWriter _err;
    private readonly bool _terminal, _quiet;
    private readonly int _width;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _pages, _lastDraw = -1_000_000;
    private int _done, _total;
    private bool _barShown;

    public ProgressDisplay(TextWriter err, bool terminal, bool quiet, int width = 80)
    {
        _err = err;
        _terminal = terminal;
        _quiet = quiet;
        _width = Math.Clamp(width, 40, 200);
    }

    /// <summary>For the real console: a bar only when stderr is a terminal.</summary>
    public static ProgressDisplay ForConsole(bool quiet)
    {
        // EXTRACTOR_PROGRESS=bar|lines overrides the guess (a bar in a `script` log, lines on a terminal).
        bool terminal = Environment.GetEnvironmentVariable("EXTRACTOR_PROGRESS") switch
        {
            "bar" => true,
            "lines" => false,
            _ => !System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb",
        };
        int width = 80;
        try { if (terminal) width = System.Console.WindowWidth; } catch (IOException) { } catch (PlatformNotSupportedException) { }
        return new ProgressDisplay(System.Console.Error, terminal, quiet, width);
    }

    public long Pages => Interlocked.Read(ref _pages);

    /// <summary>Pages of a finished document, for the pages-per-minute rate.</summary>
    public void AddPages(int pages) => Interlocked.Add(ref _pages, pages);

    public void Report(BatchProgress p)
    {
        lock (_gate)
        {
            _done = p.Done;
            _total = p.Total;
            if (p.Error is not null)
            {
                ClearBar();
                _err.WriteLine($"error: {(p.SourcePath.Length > 0 ? p.SourcePath : p.DocumentId)}: {p.Error}{(p.Reason is { Length: > 0 } r ? $" [{r}]" : "")}");
            }
            else if (!_quiet && !_terminal)
                _err.WriteLine($"[{p.Done}/{p.Total}] {p.DocumentId}{(p.Resumed ? " (resumed)" : "")}");
            if (_quiet || !_terminal) return;
            long now = _clock.ElapsedMilliseconds;
            if (p.Done < p.Total && now - _lastDraw < 100 && p.Error is null) return; // at most ten redraws a second
            _lastDraw = now;
            _err.Write("\r" + Bar(p.Done, p.Total, Pages, _clock.Elapsed, _width - 1, p.DocumentId) + "\u001b[K");
            _err.Flush();
            _barShown = true;
        }
    }

    /// <summary>Ends the bar's line before anything else is printed.</summary>
    public void Finish()
    {
        lock (_gate) ClearBar();
    }

    private void ClearBar()
    {
        if (!_barShown) return;
        _err.Write("\r\u001b[K");
        _barShown = false;
    }

    /// <summary>The bar's text: "[#####-----] 12/40  35.2 pages/min  ETA 3m 12s  name".</summary>
    public static string Bar(int done, int total, long pages, TimeSpan elapsed, int width, string current = "")
    {
        double minutes = Math.Max(elapsed.TotalMinutes, 1e-6);
        string rate = pages > 0 ? string.Create(CultureInfo.InvariantCulture, $"{pages / minutes:0.0} pages/min") : "";
        string eta = done > 0 && done < total ? "ETA " + Duration(TimeSpan.FromTicks(elapsed.Ticks / done * (total - done))) : done >= total ? "done" : "ETA --";
        string counts = $"{done}/{total}";
        string tail = string.Join("  ", new[] { counts, rate, eta }.Where(s => s.Length > 0));
        int barWidth = Math.Clamp(width - tail.Length - 4, 10, 40);
        int filled = total > 0 ? (int)Math.Round(barWidth * (double)done / total) : 0;
        string line = $"[{new string('#', filled)}{new string('-', barWidth - filled)}] {tail}";
        int room = width - line.Length - 2;
        if (room > 8 && current.Length > 0) line += "  " + (current.Length > room ? current[..(room - 1)] + "…" : current);
        return line;
    }

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m {t.Seconds:00}s" : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0}s");
}
