using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Extractor.Tests.Ingest;

/// <summary>
/// Generates the bad (and good) input files the tests need, so no binary fixtures are committed: minimal PDFs
/// (plain, claiming any page count, truncated, with a decompression bomb, RC4-encrypted with a user password or an
/// owner password only), image headers of any size, text in many encodings. Other readers' tests may use it too.
/// </summary>
public static class BadFiles
{
    /// <summary>A one-page PDF showing <paramref name="text"/> in Helvetica; <paramref name="claimedPages"/> is what the page tree's /Count says.</summary>
    public static byte[] Pdf(string text = "Hello from a generated PDF", int? claimedPages = null, byte[]? extraStream = null) =>
        BuildPdf(text, claimedPages ?? 1, extraStream, encryption: null);

    /// <summary>
    /// A PDF encrypted with the standard security handler, RC4 40-bit (V 1, R 2). With an empty
    /// <paramref name="userPassword"/> anyone can open it (an owner password only restricts printing or copying).
    /// </summary>
    public static byte[] EncryptedPdf(string text, string userPassword, string ownerPassword) =>
        BuildPdf(text, 1, null, (userPassword, ownerPassword));

    /// <summary>A PDF with one extra FlateDecode stream that inflates to <paramref name="inflatedBytes"/> zero bytes.</summary>
    public static byte[] BombPdf(long inflatedBytes)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long left = inflatedBytes; left > 0; left -= zeros.Length) z.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
        return Pdf("a page with a bomb inside", extraStream: ms.ToArray());
    }

    /// <summary>The first <paramref name="fraction"/> of a valid PDF.</summary>
    public static byte[] Truncated(byte[] file, double fraction = 0.6) => file[..(int)(file.Length * fraction)];

    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private static byte[] BuildPdf(string text, int claimedPages, byte[]? extraStream, (string User, string Owner)? encryption)
    {
        var latin1 = Encoding.Latin1;
        byte[] content = latin1.GetBytes($"BT /F1 12 Tf 72 720 Td ({text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)")}) Tj ET");
        byte[] id = MD5.HashData(Encoding.UTF8.GetBytes(text + claimedPages));
        byte[]? fileKey = null;
        string? encryptDict = null;
        if (encryption is var (user, owner))
        {
            const int p = -44;
            byte[] ownerKey = MD5.HashData(Pad(owner.Length > 0 ? owner : user))[..5];
            byte[] o = Rc4(ownerKey, Pad(user));
            byte[] pBytes = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(pBytes, p);
            fileKey = MD5.HashData([.. Pad(user), .. o, .. pBytes, .. id])[..5];
            byte[] u = Rc4(fileKey, Padding);
            encryptDict = $"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(o)}> /U <{Convert.ToHexString(u)}> /P {p} >>";
        }
        byte[] Encrypt(int objectNumber, byte[] data)
        {
            if (fileKey is null) return data;
            byte[] key = MD5.HashData([.. fileKey, (byte)objectNumber, (byte)(objectNumber >> 8), (byte)(objectNumber >> 16), 0, 0])[..10];
            return Rc4(key, data);
        }

        var objects = new List<byte[]>
        {
            latin1.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            latin1.GetBytes($"<< /Type /Pages /Kids [3 0 R] /Count {claimedPages} >>"),
            latin1.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Stream("", Encrypt(4, content)),
            latin1.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        };
        if (extraStream is not null) objects.Add(Stream("/Filter /FlateDecode", extraStream));
        if (encryptDict is not null) objects.Add(latin1.GetBytes(encryptDict));

        using var pdf = new MemoryStream();
        void W(string s) => pdf.Write(latin1.GetBytes(s));
        W("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            W($"{i + 1} 0 obj\n");
            pdf.Write(objects[i]);
            W("\nendobj\n");
        }
        long xref = pdf.Position;
        W($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var off in offsets) W($"{off:D10} 00000 n \n");
        W($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R");
        if (encryptDict is not null) W($" /Encrypt {objects.Count} 0 R");
        W($" /ID [<{Convert.ToHexString(id)}> <{Convert.ToHexString(id)}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();

        static byte[] Stream(string dict, byte[] data) =>
            [.. Encoding.Latin1.GetBytes($"<< /Length {data.Length} {dict} >>\nstream\n"), .. data, .. Encoding.Latin1.GetBytes("\nendstream")];
    }

    private static byte[] Pad(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        return [.. bytes.Take(32), .. Padding.Take(Math.Max(0, 32 - bytes.Length))];
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }
        var output = new byte[data.Length];
        for (int k = 0, i = 0, j = 0; k < data.Length; k++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[k] = (byte)(data[k] ^ s[(s[i] + s[j]) & 0xFF]);
        }
        return output;
    }

    // ---- images: headers that claim a size (the pixels never exist) --------------------------------------------

    public static byte[] Png(uint width, uint height)
    {
        var b = new byte[8 + 25 + 12];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), 13);
        "IHDR"u8.CopyTo(b.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), height);
        b[24] = 8; b[25] = 2; // 8-bit RGB
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(29), Crc32(b.AsSpan(12, 17)));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(33), 0);
        "IEND"u8.CopyTo(b.AsSpan(37));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(41), Crc32("IEND"u8));
        return b;
    }

    public static byte[] Jpeg(ushort width, ushort height)
    {
        var app0 = new byte[] { 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
        var sof = new byte[] { 0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0 };
        return [0xFF, 0xD8, .. app0, .. sof, 0xFF, 0xD9];
    }

    /// <summary>A TIFF with <paramref name="pages"/> image file directories of the given size (no strips).</summary>
    public static byte[] Tiff(uint width, uint height, int pages = 1)
    {
        using var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write("II*\0"u8);
        w.Write(8u);
        for (int p = 0; p < pages; p++)
        {
            w.Write((ushort)2);
            w.Write((ushort)256); w.Write((ushort)4); w.Write(1u); w.Write(width);
            w.Write((ushort)257); w.Write((ushort)4); w.Write(1u); w.Write(height);
            w.Write(p + 1 < pages ? (uint)(ms.Position + 4) : 0u);
        }
        return ms.ToArray();
    }

    public static byte[] Gif(ushort width, ushort height) => [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 0, 0, (byte)';'];

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    // ---- a folder of bad inputs -------------------------------------------------------------------------------

    /// <summary>Writes one file per bad case into <paramref name="dir"/>; returns file name -> expected reason code.</summary>
    public static Dictionary<string, string> WriteCorpus(string dir)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(6);
        byte[] Junk(int n) { var b = new byte[n]; rng.NextBytes(b); return b; }
        var expected = new Dictionary<string, string>
        {
            ["empty.txt"] = "empty",
            ["blank.txt"] = "empty",
            ["junk.txt"] = "binary",
            ["junk.pdf"] = "corrupt",
            ["zip-named.txt"] = "binary",
            ["truncated.pdf"] = "corrupt",
            ["locked.pdf"] = "encrypted",
            ["claims-100000-pages.pdf"] = "too-many-pages",
            ["bomb.pdf"] = "bomb",
            ["huge.png"] = "too-many-pixels",
            ["huge.jpg"] = "too-many-pixels",
            ["nuls.txt"] = "binary",
            ["one-line.txt"] = "line-too-long",
            ["dangling.txt"] = "missing",
        };
        File.WriteAllBytes(Path.Combine(dir, "empty.txt"), []);
        File.WriteAllText(Path.Combine(dir, "blank.txt"), " \n\n\t \n");
        File.WriteAllBytes(Path.Combine(dir, "junk.txt"), Junk(3000));
        File.WriteAllBytes(Path.Combine(dir, "junk.pdf"), Junk(3000));
        File.WriteAllBytes(Path.Combine(dir, "zip-named.txt"), [.. "PK\u0003\u0004"u8, .. Junk(500)]);
        File.WriteAllBytes(Path.Combine(dir, "truncated.pdf"), Truncated(Pdf("cut short")));
        File.WriteAllBytes(Path.Combine(dir, "locked.pdf"), EncryptedPdf("secret text", "user-pw", "owner-pw"));
        File.WriteAllBytes(Path.Combine(dir, "claims-100000-pages.pdf"), Pdf("one real page", claimedPages: 100_000));
        File.WriteAllBytes(Path.Combine(dir, "bomb.pdf"), BombPdf(8L * 1024 * 1024)); // above the tests' 4 MB limit
        File.WriteAllBytes(Path.Combine(dir, "huge.png"), Png(30_000, 30_000));
        File.WriteAllBytes(Path.Combine(dir, "huge.jpg"), Jpeg(30_000, 30_000));
        File.WriteAllBytes(Path.Combine(dir, "nuls.txt"), [.. "text then padding"u8, .. new byte[4000]]);
        File.WriteAllText(Path.Combine(dir, "one-line.txt"), new string('x', 300_000)); // above the tests' 100,000 limit
        File.CreateSymbolicLink(Path.Combine(dir, "dangling.txt"), Path.Combine(dir, "no-such-target"));
        return expected;
    }

    /// <summary>The limits the bad corpus is made to exceed, small so the tests stay fast.</summary>
    public static Extractor.Ingest.InputLimits TestLimits => new()
    {
        MaxDecodedBytes = 4L * 1024 * 1024,
        MaxLineChars = 100_000,
        MaxPages = 500,
        MaxPixels = 100_000_000,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
