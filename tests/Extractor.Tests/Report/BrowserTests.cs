using System.Diagnostics;
using System.Text.RegularExpressions;
using Extractor.Ingest;
using Extractor.Pipeline;
using Extractor.Report;
using Xunit.Abstractions;

namespace Extractor.Tests.Report;

/// <summary>
/// The review page in a real browser: headless Chromium (Debian's `chromium`, installed by scripts/setup-browser)
/// takes a screenshot of the seed's page and dumps the DOM it built. Without a browser the tests say so and return.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-browser").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly Lazy<(string? Path, string Why)> Browser = new(ProbeBrowser);

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

    private string SeedReport()
    {
        string seed = Path.Combine(ReportSamples.RepoRoot(), "corpus", "hinyokika-kiyo-2009", "report.txt");
        var source = InputReader.CreateDefault().Read(seed, "hinyokika-kiyo-2009");
        var result = DocumentPipeline.CreateDefault().Process(source);
        return HtmlReport.Instance.Write(result, Path.Combine(_dir, "report"));
    }

    [Fact]
    public void Seed_page_renders_with_its_highlights_and_tables()
    {
        var (browser, why) = Browser.Value;
        if (browser is null) { output.WriteLine("SKIPPED: " + why); return; }
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
        var (browser, why) = Browser.Value;
        if (browser is null) { output.WriteLine("SKIPPED: " + why); return; }
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
}
