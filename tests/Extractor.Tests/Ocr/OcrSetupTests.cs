using System.Diagnostics;
using Extractor.Ocr;
using Extractor.Ocr.Native;

namespace Extractor.Tests.Ocr;

/// <summary>
/// A missing libtesseract or eng.traineddata: the command line stops with one line that says what to install. The
/// real CLI runs in a child process with the library (EXTRACTOR_LIBTESSERACT) or the language data (TESSDATA_PREFIX)
/// pointed at a folder that does not exist; the libraries already loaded in this process are not touched.
/// </summary>
[Collection("ocr")]
public sealed class OcrSetupTests : IDisposable
{
    private readonly string _dir = OcrInputs.TempDir();
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "Extractor.Cli.dll");
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";

    private string BlankPng()
    {
        var path = Path.Combine(_dir, "blank.png");
        using var pix = Leptonica.pixCreate(40, 20, 8);
        Assert.Equal(0, Leptonica.pixWrite(path, pix, Leptonica.IFF_PNG));
        return path;
    }

    private static (int Code, string[] Stderr) RunCli(IDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(DotNet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish");
        return (p.ExitCode, err.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MissingTesseractLibrary_StopsTheRunWithOneLineNamingTheAptGetCommand()
    {
        var png = BlankPng();
        var (code, stderr) = RunCli(new Dictionary<string, string> { [NativeLibraries.TesseractOverride] = "/nonexistent/libtesseract.so.5" },
            "run", png, "--out", Path.Combine(_dir, "out"), "--quiet", "--no-report");
        Assert.Equal(2, code);
        var line = Assert.Single(stderr);
        Assert.Contains("libtesseract.so.5", line);
        Assert.Contains("sudo apt-get install -y tesseract-ocr", line);
    }

    [Fact]
    public void MissingLanguageData_StopsTheOcrCommandWithOneLineNamingThePackage()
    {
        var png = BlankPng();
        var (code, stderr) = RunCli(new Dictionary<string, string> { ["TESSDATA_PREFIX"] = Path.Combine(_dir, "no-tessdata") }, "ocr", png);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr);
        Assert.Contains("eng.traineddata", line);
        Assert.Contains("sudo apt-get install -y tesseract-ocr-eng", line);
    }

    [Fact]
    public void LanguageDataFolder_IsTheOnlyPlaceLookedAt()
    {
        var ex = Assert.Throws<OcrSetupException>(() => new OcrOptions { DataPath = _dir, Language = "deu" }.ResolveDataPath());
        Assert.Contains("deu.traineddata", ex.Message);
        Assert.Contains("apt-get install -y tesseract-ocr-deu", ex.Message);
        Assert.True(Directory.Exists(new OcrOptions().ResolveDataPath()));
    }
}
