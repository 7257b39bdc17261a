using Extractor.Pipeline;
using Extractor.Tests.Evaluation;
using static Extractor.Tests.Batch.BatchTestKit;

namespace Extractor.Tests.Batch;

/// <summary>
/// The batch's word counts as evidence for the cleaner in `run`: counted from the plain-text inputs only (bad files
/// and images skipped, never an error), in how many texts each word occurs, and used: a long misreading with no word
/// one edit away is repaired from the words the other texts use, and left alone with --no-batch-evidence.
/// </summary>
public sealed class BatchEvidenceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-batchev-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteInputs()
    {
        Directory.CreateDirectory(Dir("in"));
        File.WriteAllText(Dir("in/a.txt"), "The patient began treatment with oral steroids and the treatment was well tolerated.\n");
        File.WriteAllText(Dir("in/b.txt"), "After two weeks of treatment the rash resolved and the steroids were stopped.\n");
        File.WriteAllText(Dir("in/c.txt"), "She was given weatment for the infection and recovered within a week.\n");
        File.WriteAllBytes(Dir("in/d.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);   // no text, and broken
        File.WriteAllBytes(Dir("in/e.txt"), []);                                                                          // empty: the run reports it
    }

    [Fact]
    public void Counts_come_from_the_plain_text_inputs_per_text()
    {
        WriteInputs();
        var items = InputExpander.Plan([Dir("in")]);
        var batch = BatchEvidence.Count(items, Reader());
        Assert.Equal(3, batch.Texts);
        Assert.NotNull(batch.Counts);
        Assert.Equal(2, batch.Counts!["treatment"]);        // twice in a.txt, once in b.txt: two texts
        Assert.Equal(2, batch.Counts["steroids"]);
        Assert.Equal(1, batch.Counts["weatment"]);
        Assert.Equal(16, batch.Fingerprint.Length);
        // The same texts give the same fingerprint; another text another one (a resumed run checks it).
        Assert.Equal(batch.Fingerprint, BatchEvidence.Count(items, Reader()).Fingerprint);
        File.AppendAllText(Dir("in/b.txt"), "More text.\n");
        Assert.NotEqual(batch.Fingerprint, BatchEvidence.Count(InputExpander.Plan([Dir("in")]), Reader()).Fingerprint);
        // At most MaxTexts texts, in input order; one text alone is no batch.
        var one = BatchEvidence.Count(items, Reader(), new BatchEvidenceOptions { MaxTexts = 1 });
        Assert.Null(one.Counts);
        Assert.Equal(1, one.Texts);
    }

    [Fact]
    public void Run_weighs_the_batch_words_unless_told_not_to()
    {
        WriteInputs();
        var (code, _, stderr) = CliRunner.Run("run", Dir("in"), "--out", Dir("out"), "--quiet", "--no-report");
        Assert.Equal(1, code);   // the empty file and the broken image fail; the texts are done
        Assert.Contains("She was given treatment for the infection", File.ReadAllText(Dir("out/c.clean.txt")));
        var (code2, _, _) = CliRunner.Run("run", Dir("in"), "--out", Dir("alone"), "--quiet", "--no-report", "--no-batch-evidence");
        Assert.Equal(1, code2);
        Assert.Contains("She was given weatment for the infection", File.ReadAllText(Dir("alone/c.clean.txt")));
        Assert.Contains("e.txt", stderr);
    }
}
