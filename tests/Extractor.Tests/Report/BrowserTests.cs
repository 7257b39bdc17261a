using System.Diagnostics;
using System.Text.RegularExpressions;
using Extractor.Ingest;
using Extractor.Pipeline;
using Extractor.Report;
using Xunit.Abstractions;

namespace Extractor.Tests.Report;

/// <summary>
/// The review page in a real browser: headless Chromium (Debian's `chromium`, installed by scripts/setup-browser)
/// takes a screenshot of the seed's page and dumps the DOM it built, and a reviewer's clicks are replayed over the
/// DevTools protocol. Without a browser the tests say so and return, except where EXTRACTOR_REQUIRE_BROWSER=1 (CI: .ci/run
/// sets it after scripts/setup-browser installed chromium), where a missing browser fails them.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-browser").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly Lazy<(string? Path, string Why)> Browser = new(ProbeBrowser);

    /// <summary>The browser, or null after saying why there is none (a failure where a browser is required).</summary>
    private string? RequireBrowser()
    {
        var (browser, why) = Browser.Value;
        if (browser is not null) return browser;
        if (Environment.GetEnvironmentVariable("EXTRACTOR_REQUIRE_BROWSER") == "1")
            Assert.Fail($"EXTRACTOR_REQUIRE_BROWSER=1 but {why}");
        output.WriteLine("SKIPPED: " + why);
        return null;
    }

    // A browser on PATH that renders a trivial page; otherwise why not (the tests then say so and return: a machine
    // without a working browser must not turn the run red, while our own page failing in a working one does).
    private static (string?, string) ProbeBrowser()
    {
        var path = FindBrowser();
        if (path is null) return (null, "no chromium on PATH (scripts/setup-browser installs Debian's chromium as root)");
        string dir = Directory.CreateTempSubdirectory("browser-probe").FullName;
        try
        {
            string page = Path.Combine(dir, "probe.html");
            File.WriteAllText(page, "<!DOCTYPE html><title>probe</title><p id=x>ok</p><script>document.getElementById('x').textContent='ran'</script>");
            var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={Path.Combine(dir, "profile")}", "--dump-dom", new Uri(page).AbsoluteUri })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(entireProcessTree: true); return (null, $"{path} did not render a trivial page within 60 s"); }
            return stdout.Result.Contains("<p id=\"x\">ran</p>") ? (path, "") : (null, $"{path} did not render a trivial page (exit {p.ExitCode}): {stderr.Result.ReplaceLineEndings(" ")[..Math.Min(300, stderr.Result.Length)]}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException) { return (null, $"{path} could not be started: {ex.Message}"); }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    internal static string? FindBrowser()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        return null;
    }

    private (int Exit, string Stdout) Chromium(string browser, params string[] args)
    {
        var psi = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                     $"--user-data-dir={Path.Combine(_dir, "profile")}", "--window-size=1280,2000" }) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(90_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("chromium did not finish"); }
        if (p.ExitCode != 0) output.WriteLine(stderr.Result);
        return (p.ExitCode, stdout.Result);
    }

    // The seed processed once for all the tests of this class.
    private static readonly Lazy<Extractor.Extraction.DocumentResult> Seed = new(() =>
    {
        string seed = Path.Combine(ReportSamples.RepoRoot(), "corpus", "hinyokika-kiyo-2009", "report.txt");
        return DocumentPipeline.CreateDefault().Process(InputReader.CreateDefault().Read(seed, "hinyokika-kiyo-2009"));
    });

    private string SeedReport() => HtmlReport.Instance.Write(Seed.Value, Path.Combine(_dir, "report"));

    [Fact]
    public void Seed_page_renders_with_its_highlights_and_tables()
    {
        if (RequireBrowser() is not { } browser) return;
        string page = SeedReport();
        string png = Path.Combine(_dir, "seed.png");
        var (exit, _) = Chromium(browser, $"--screenshot={png}", new Uri(page).AbsoluteUri);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(png), "no screenshot written");
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal((1280, 2000), ImageFiles.Size(bytes));
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes: page looks blank");

        var (exit2, dom) = Chromium(browser, "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Equal(0, exit2);
        var html = File.ReadAllText(page);
        // What the browser built holds what the generator wrote: the text, every correction mark, every rebuilt table.
        Assert.Contains("<pre class=\"doc\">", dom);
        Assert.Contains("Metastatic renal cell carcinoma", dom);
        int marks = Regex.Matches(html, "<mark class=\"corr (applied|suggested)[^\"]*\" id=").Count;
        Assert.Equal(marks, Regex.Matches(dom, "<mark class=\"corr (applied|suggested)[^\"]*\" id=").Count);
        int tables = Regex.Matches(html, "<table class=\"rebuilt\"").Count;
        Assert.Equal(tables, Regex.Matches(dom, "<table class=\"rebuilt\"").Count);
        output.WriteLine($"seed page: {marks} correction marks, {tables} rebuilt tables, screenshot {bytes.Length} bytes");
    }

    [Fact]
    public void Hostile_text_stays_text_in_the_browser()
    {
        if (RequireBrowser() is not { } browser) return;
        string page = HtmlReport.Instance.Write(ReportSamples.Build(), Path.Combine(_dir, "report"));
        var (exit, dom) = Chromium(browser, "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Equal(0, exit);
        Assert.Contains("<title>Review: hostile</title>", dom);           // the injected script did not run
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase); // nor did the injected image
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom);
        Assert.Equal(3, Regex.Matches(dom, "<mark class=\"corr applied[^\"]*\" id=").Count);
        Assert.Single(Regex.Matches(dom, "<mark class=\"corr suggested\" id="));
        Assert.Matches("<table class=\"rebuilt\" id=\"table-2\"", dom);
        Assert.Contains("<tr id=\"table-2-row-1\">", dom);
    }

    [Fact]
    public void Clicks_open_a_correction_s_details_and_lead_from_rows_to_evidence_and_back()
    {
        if (RequireBrowser() is not { } browser) return;
        string file = SeedReport();
        using var page = HeadlessPage.Open(browser, new Uri(file).AbsoluteUri, Path.Combine(_dir, "cdp-profile"));
        string Hash() => page.Evaluate("location.hash").GetString()!;
        string Js(string e) => page.Evaluate(e) is { ValueKind: System.Text.Json.JsonValueKind.String } v ? v.GetString()! : page.Evaluate(e).GetRawText();

        // Click on an applied correction: the box shows original, correction, kind, confidence and links to its row.
        Assert.Equal("true", Js("document.getElementById('pop').hidden"));
        string id = Js("document.querySelector('pre.doc mark.corr.applied[data-original]:not([data-corrected=\"\"])').id");
        var (original, corrected, kind, confidence, rowId) = (Js($"document.getElementById('{id}').dataset.original"), Js($"document.getElementById('{id}').dataset.corrected"),
            Js($"document.getElementById('{id}').dataset.kind"), Js($"document.getElementById('{id}').dataset.confidence"), Js($"document.getElementById('{id}').dataset.row"));
        page.Click("#" + id);
        Assert.Equal("false", Js("document.getElementById('pop').hidden"));
        Assert.True(page.Evaluate("document.getElementById('pop').getBoundingClientRect().width").GetDouble() > 50, "the box is not shown");
        string box = Js("document.getElementById('pop').innerText");
        Assert.Contains("Applied correction", box);
        foreach (var (label, value) in new[] { ("original", original), ("corrected", corrected), ("kind", kind), ("confidence", confidence) })
        {
            if (value.Trim().Length == 0) continue;
            Assert.Contains(label, box);
            Assert.Contains(value.Trim(), box);
        }
        Assert.Equal("#" + rowId, Js("document.querySelector('#pop a').getAttribute('href')"));
        // Hover: the same details as a tooltip.
        Assert.Contains(kind, Js($"document.getElementById('{id}').title"));
        Assert.Contains("confidence", Js($"document.getElementById('{id}').title"));

        // The box's link leads to the correction's row, which links back to the highlight.
        page.Click("#pop a");
        Assert.Equal("#" + rowId, Hash());
        Assert.Equal("true", Js("document.getElementById('pop').hidden"));
        Assert.Equal("rows-corrections", Js($"document.getElementById('{rowId}').closest('section').id"));
        page.Click($"#{rowId} a");
        Assert.Equal("#" + id, Hash());

        // A suggestion says it was not applied.
        if (page.Evaluate("!!document.querySelector('pre.doc mark.corr.suggested')").GetBoolean())
        {
            page.Click("pre.doc mark.corr.suggested");
            Assert.Contains("Suggestion (not applied)", Js("document.getElementById('pop').innerText"));
            page.Evaluate("document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}))");
            Assert.Equal("true", Js("document.getElementById('pop').hidden"));
        }

        // A CSV row's "in text" link leads to its evidence in the text, and the highlight there leads back to the row.
        int links = 0;
        foreach (var kindName in new[] { "medications", "adverse_events", "outcomes", "staging", "findings", "trial_arms" })
        {
            string row = Js($"(document.querySelector('#rows-{kindName} tr[id] a[href^=\"#ev-\"]')||{{closest:()=>({{id:''}})}}).closest('tr').id");
            if (row.Length == 0) continue;
            page.Click($"#{row} a[href^='#ev-']");
            Assert.Equal($"#ev-{row}", Hash());
            Assert.Equal("text", Js($"document.getElementById('ev-{row}').closest('section').id"));
            double top = page.Evaluate($"document.getElementById('ev-{row}').getBoundingClientRect().top").GetDouble();
            Assert.InRange(top, -2, page.Evaluate("window.innerHeight").GetDouble()); // scrolled into view
            if (!page.Click($"#ev-{row}", avoid: "mark.corr, .ent")) continue; // covered by inner highlights, which take the click
            Assert.Equal($"#{row}", Hash());
            links++;
        }
        Assert.True(links >= 3, $"only {links} kinds of rows with evidence links on the seed page");
        output.WriteLine($"clicked {id} ({original} -> {corrected}) and {links} row/evidence pairs");
    }
}
