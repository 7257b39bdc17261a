using System.Text;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Tests.Evaluation;
using static Extractor.Tests.Batch.BatchTestKit;

namespace Extractor.Tests.Ingest;

/// <summary>
/// The bad corpus through the real command line: one error line per bad file on stderr naming the file and the
/// reason, one row in errors.csv, the good files done, limits taken from the options; and text in other encodings read
/// as written.
/// </summary>
public sealed class BadInputRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-badrun-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Each_bad_file_gets_one_stderr_line_naming_it_and_its_reason_and_the_run_goes_on()
    {
        var expected = BadFiles.WriteCorpus(Dir("in"));
        File.Delete(Dir("in/bomb.pdf")); // its 8 MB are under the default 512 MB stream limit, which has no option
        expected.Remove("bomb.pdf");
        File.WriteAllText(Dir("in/zz-good.txt"), "A 64-year-old man received sorafenib 400 mg twice daily.\n");
        var (code, _, stderr) = CliRunner.Run("run", Dir("in"), "--out", Dir("out"), "--quiet", "--no-report",
            "--max-line-chars", "100000", "--max-pages", "500", "--max-pixels", "100M", "--jobs", "2");

        Assert.Equal(1, code); // some documents failed, the others are done
        var lines = stderr.Split('\n').Where(l => l.StartsWith("error: ")).ToList();
        Assert.Equal(expected.Count, lines.Count);
        foreach (var (name, reason) in expected)
        {
            var line = Assert.Single(lines, l => l.StartsWith($"error: {Dir("in/" + name)}: "));
            Assert.EndsWith($" [{reason}]", line);
        }
        var errors = ReadTable<ErrorRow>(Dir("out"), "errors");
        Assert.Equal(expected.Keys.Order(), errors.Select(e => Path.GetFileName(e.SourcePath)).Order());
        Assert.All(errors, e => Assert.Equal("read", e.Stage));
        Assert.Equal("zz-good", Assert.Single(ReadTable<DocumentInfo>(Dir("out"), "documents")).DocumentId);
        Assert.Contains("max-line-chars", errors.Single(e => e.Reason == "line-too-long").Error);
        Assert.Contains("100.0 million", errors.Single(e => e.SourcePath.EndsWith("huge.png")).Error);
    }

    [Fact]
    public void A_limit_option_changes_what_is_refused()
    {
        Directory.CreateDirectory(Dir("in"));
        File.WriteAllText(Dir("in/big.txt"), string.Concat(Enumerable.Repeat("Sorafenib 400 mg twice daily was given.\n", 40_000)));
        var (code, _, stderr) = CliRunner.Run("run", Dir("in/big.txt"), "--out", Dir("out"), "--quiet", "--no-report", "--max-mb", "1");
        Assert.Equal(1, code);
        Assert.Contains("[too-large]", stderr);
        Assert.Contains("--max-mb", Assert.Single(ReadTable<ErrorRow>(Dir("out"), "errors")).Error);
    }

    [Fact]
    public void An_empty_folder_as_the_only_input_is_a_usage_error()
    {
        Directory.CreateDirectory(Dir("empty"));
        var (code, _, stderr) = CliRunner.Run("run", Dir("empty"), "--out", Dir("out"), "--quiet", "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("no input files found", stderr);
    }

    [Fact]
    public void Text_in_japanese_encodings_utf16_and_latin1_is_read_as_written_with_its_encoding_recorded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string japanese = "症例: 69歳女性。ソラフェニブ 400 mg/日を投与した。\n";
        const string english = "Interferon alfa 5 MIU three times a week; stable disease for 6 months.\n";
        const string latin = "Patiënt Müller, 58 ans: sunitinib 50 mg/j, réponse partielle à 3 mois.\n";
        var cases = new (string Name, byte[] Bytes, string Text, string Encoding)[]
        {
            ("sjis", Encoding.GetEncoding("shift_jis").GetBytes(japanese), japanese, "shift_jis"),
            ("eucjp", Encoding.GetEncoding("euc-jp").GetBytes(japanese), japanese, "euc-jp"),
            ("utf16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(english)], english, "utf-16le"),
            ("utf16be-nobom", Encoding.BigEndianUnicode.GetBytes(english), english, "utf-16be"),
            ("latin1", Encoding.Latin1.GetBytes(latin), latin, "windows-1252"),
        };
        Directory.CreateDirectory(Dir("in"));
        foreach (var c in cases) File.WriteAllBytes(Dir($"in/{c.Name}.txt"), c.Bytes);
        var summary = Run(Dir("out"), [Dir("in")], pipeline: new(Extractor.Cleanup.IdentityCleaner.Instance, [new LineExtractor()]));
        Assert.Equal(0, summary.Failed);
        var docs = ReadTable<DocumentInfo>(Dir("out"), "documents").ToDictionary(d => d.DocumentId);
        foreach (var c in cases)
        {
            Assert.Equal(c.Encoding, docs[c.Name].Encoding);
            Assert.Equal(c.Text, File.ReadAllText(Dir($"out/{c.Name}.clean.txt")));
        }
    }
}
