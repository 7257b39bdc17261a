using System.Text;
using Extractor.Ingest;

namespace Extractor.Tests.Ingest;

/// <summary>Each bad input fails with its own reason and a message that says what is wrong; good inputs read.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("extractor-bad-").FullName;
    private readonly InputReader _reader = InputReader.CreateDefault(BadFiles.TestLimits);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private InputException Fails(string path) => Assert.Throws<InputException>(() => _reader.Read(path, "doc"));

    [Fact]
    public void Every_file_of_the_bad_corpus_fails_with_its_reason()
    {
        var expected = BadFiles.WriteCorpus(_dir);
        foreach (var (name, reason) in expected)
        {
            var ex = Assert.Throws<InputException>(() => _reader.Read(Path.Combine(_dir, name), "doc"));
            Assert.True(reason == InputException.Code(ex.Reason), $"{name}: expected {reason}, got {InputException.Code(ex.Reason)}: {ex.Message}");
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Theory]
    [InlineData(30_000u, 30_000u, "png")]
    [InlineData(20_000u, 20_000u, "jpeg")]
    [InlineData(12_000u, 12_000u, "tiff")]
    [InlineData(65_000u, 65_000u, "gif")]
    public void A_huge_image_is_refused_from_its_header_naming_its_size(uint width, uint height, string format)
    {
        byte[] bytes = format switch
        {
            "png" => BadFiles.Png(width, height),
            "jpeg" => BadFiles.Jpeg((ushort)Math.Min(width, 65_535), (ushort)Math.Min(height, 65_535)),
            "tiff" => BadFiles.Tiff(width, height),
            _ => BadFiles.Gif((ushort)Math.Min(width, 65_535), (ushort)Math.Min(height, 65_535)),
        };
        var size = ImageHeader.Read(new MemoryStream(bytes));
        Assert.NotNull(size);
        Assert.Equal(format, size!.Value.Format);
        var ex = Fails(Write("scan." + format, bytes));
        Assert.Equal(InputErrorReason.TooManyPixels, ex.Reason);
        Assert.Contains($"{size.Value.Width:N0} x {size.Value.Height:N0}", ex.Message);
        Assert.Contains("--max-pixels", ex.Message);
    }

    [Fact]
    public void A_tiff_with_too_many_pages_is_refused_before_decoding()
    {
        var ex = Fails(Write("many.tif", BadFiles.Tiff(100, 100, pages: 600)));
        Assert.Equal(InputErrorReason.TooManyPages, ex.Reason);
    }

    [Fact]
    public void A_small_image_passes_the_header_check()
    {
        var size = ImageHeader.Read(new MemoryStream(BadFiles.Png(2480, 3508)));
        Assert.Equal(2480L * 3508, size!.Value.Pixels);
        Assert.Null(ImageHeader.Read(new MemoryStream("BMJ 2009; 338: b1234 is a text, not a bitmap"u8.ToArray())));
        Assert.Null(ImageHeader.FormatOf("P1 patients had grade 3 events"u8));
    }

    [Fact]
    public void A_pdf_claiming_100000_pages_is_refused_from_its_page_tree()
    {
        var ex = Fails(Write("claims.pdf", BadFiles.Pdf("one page", claimedPages: 100_000)));
        Assert.Equal(InputErrorReason.TooManyPages, ex.Reason);
        Assert.Contains("100,000 pages", ex.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_without_keeping_what_it_inflates_to()
    {
        var bytes = BadFiles.BombPdf(8L * 1024 * 1024);
        Assert.True(bytes.Length < 100_000, $"the bomb is {bytes.Length} bytes");
        var ex = Fails(Write("bomb.pdf", bytes));
        Assert.Equal(InputErrorReason.Bomb, ex.Reason);
        Assert.Contains("4 MB", ex.Message);
        // Under the limit the same file passes the stream check.
        PdfPreflight.CheckStreams(bytes, 16L * 1024 * 1024);
    }

    [Fact]
    public void A_password_protected_pdf_is_refused_and_an_owner_password_only_pdf_opens()
    {
        var locked = Fails(Write("locked.pdf", BadFiles.EncryptedPdf("confidential", "user-pw", "owner-pw")));
        Assert.Equal(InputErrorReason.Encrypted, locked.Reason);
        Assert.Contains("password", locked.Message);

        var ownerOnly = Write("owner-only.pdf", BadFiles.EncryptedPdf("readable by anyone", "", "owner-pw"));
        Assert.Equal(1, PdfPreflight.Check(ownerOnly, BadFiles.TestLimits));
        using var doc = UglyToad.PdfPig.PdfDocument.Open(ownerOnly);
        Assert.Contains("readable by anyone", doc.GetPage(1).Text);
    }

    [Fact]
    public void Truncated_and_junk_pdfs_are_corrupt_with_a_reason_a_person_can_act_on()
    {
        var truncated = Fails(Write("cut.pdf", BadFiles.Truncated(BadFiles.Pdf("cut short"))));
        Assert.Equal(InputErrorReason.Corrupt, truncated.Reason);
        Assert.Contains("truncated", truncated.Message);
        var junk = Fails(Write("junk.pdf", Encoding.ASCII.GetBytes("this is not a pdf at all\n")));
        Assert.Equal(InputErrorReason.Corrupt, junk.Reason);
        Assert.Contains("not a PDF", junk.Message);
        // A valid generated PDF passes the preflight.
        Assert.Equal(1, PdfPreflight.Check(Write("ok.pdf", BadFiles.Pdf("fine")), BadFiles.TestLimits));
    }

    [Fact]
    public void Size_limit_is_checked_before_reading()
    {
        var reader = InputReader.CreateDefault(new InputLimits { MaxBytes = 1000 });
        var path = Write("big.txt", Encoding.ASCII.GetBytes(new string('a', 60) + "\n").SelectMany(b => Enumerable.Repeat(b, 1)).ToArray().Concat(new byte[0]).ToArray());
        Assert.NotNull(reader.Read(path, "doc"));
        path = Write("bigger.txt", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a line of text\n", 100))));
        var ex = Assert.Throws<InputException>(() => reader.Read(path, "doc"));
        Assert.Equal(InputErrorReason.TooLarge, ex.Reason);
        Assert.Contains("--max-mb", ex.Message);
    }

    [Fact]
    public void A_few_nul_bytes_become_replacement_characters_at_the_same_offsets()
    {
        var doc = _reader.Read(Write("nul.txt", [.. "dose 5\0mg daily\n"u8]), "doc");
        Assert.Equal("dose 5\uFFFDmg daily\n", doc.Text);
        var ex = Fails(Write("padded.txt", [.. "header"u8, .. new byte[2000]]));
        Assert.Equal(InputErrorReason.Binary, ex.Reason);
        Assert.Contains("NUL", ex.Message);
    }

    [Fact]
    public void A_ten_megabyte_line_is_refused_by_default_and_read_when_allowed()
    {
        var path = Write("line.txt", Encoding.ASCII.GetBytes(new string('w', 10 * 1024 * 1024)));
        var ex = Assert.Throws<InputException>(() => InputReader.CreateDefault().Read(path, "doc"));
        Assert.Equal(InputErrorReason.LineTooLong, ex.Reason);
        Assert.Contains("10,485,760", ex.Message);
        var doc = InputReader.CreateDefault(new InputLimits { MaxLineChars = 20_000_000 }).Read(path, "doc");
        Assert.Equal(10 * 1024 * 1024, doc.Text.Length);
    }

    [Fact]
    public void Missing_files_dangling_links_and_folders_are_named_as_such()
    {
        Assert.Equal(InputErrorReason.Missing, Fails(Path.Combine(_dir, "absent.txt")).Reason);
        var link = Path.Combine(_dir, "link.txt");
        File.CreateSymbolicLink(link, Path.Combine(_dir, "gone.txt"));
        var ex = Fails(link);
        Assert.Equal(InputErrorReason.Missing, ex.Reason);
        Assert.Contains("dangling symbolic link", ex.Message);
    }

    [Fact]
    public void A_file_without_read_permission_is_unreadable()
    {
        var path = Write("locked.txt", "text"u8.ToArray());
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            try { File.ReadAllBytes(path); return; } // root reads it anyway: covered by the batch test with a failing reader
            catch (UnauthorizedAccessException) { }
            var ex = Fails(path);
            Assert.Equal(InputErrorReason.Unreadable, ex.Reason);
            Assert.Contains("permission denied", ex.Message);
        }
        finally { File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); }
    }

    [Fact]
    public void A_named_pipe_is_refused_without_blocking_on_it()
    {
        var fifo = Path.Combine(_dir, "pipe.txt");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo)) mk.WaitForExit();
        if (!File.Exists(fifo)) return; // no mkfifo here
        Assert.Equal(InputErrorReason.Empty, Fails(fifo).Reason);
    }

    [Fact]
    public void Exceptions_from_reading_map_to_reasons()
    {
        Assert.Equal(InputErrorReason.Unreadable, InputGuard.Classify(new UnauthorizedAccessException("x"))!.Reason);
        Assert.Equal(InputErrorReason.Missing, InputGuard.Classify(new FileNotFoundException("x"))!.Reason);
        Assert.Equal(InputErrorReason.Encrypted, InputGuard.Classify(new UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException("x"))!.Reason);
        Assert.Null(InputGuard.Classify(new NullReferenceException()));
    }

    [Fact]
    public void An_owner_password_only_pdf_is_read_through_the_reader()
    {
        var doc = _reader.Read(Write("owner-only.pdf", BadFiles.EncryptedPdf("Sorafenib 400 mg twice daily", "", "owner-pw")), "doc");
        Assert.Contains("Sorafenib 400 mg twice daily", doc.Text);
    }

    [Fact]
    public void A_pdf_damaged_inside_is_corrupt()
    {
        var good = BadFiles.Pdf("damaged inside");
        var bytes = (byte[])good.Clone();
        new Random(3).NextBytes(bytes.AsSpan(20, bytes.Length - 60)); // header and %%EOF kept, objects and xref destroyed
        var ex = Fails(Write("damaged.pdf", bytes));
        Assert.Equal(InputErrorReason.Corrupt, ex.Reason);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_folder_given_to_the_file_guard_is_not_a_file()
    {
        var ex = Assert.Throws<InputException>(() => InputGuard.Before(_dir, BadFiles.TestLimits));
        Assert.Equal(InputErrorReason.NotAFile, ex.Reason);
        Assert.Contains("a folder", ex.Message);
    }
}
