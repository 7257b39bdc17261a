using Extractor.Core;

namespace Extractor.Ingest;

/// <summary>Reads one kind of input file into a <see cref="SourceDocument"/>.</summary>
public interface IDocumentReader
{
    /// <summary>Whether this reader handles the file, judged from its name and first bytes.</summary>
    bool CanRead(string path, ReadOnlySpan<byte> head);
    SourceDocument Read(string path, string documentId);

    /// <summary>
    /// Reads within <paramref name="limits"/> (pages, pixels, decoded bytes) and gives up when <paramref name="cancel"/>
    /// fires (time limit, Ctrl-C). Readers that can exceed a limit while reading (PDF, images, OCR) override this and
    /// throw <see cref="InputException"/> with the matching <see cref="InputErrorReason"/>. <see cref="InputReader"/>
    /// checks file size, image headers and PDF structure before, and page count and line length after, any reader.
    /// </summary>
    SourceDocument Read(string path, string documentId, InputLimits limits, CancellationToken cancel) => Read(path, documentId);
}

/// <summary>Why an input could not be read: the <c>reason</c> column of errors.csv (kebab-case of the name).</summary>
public enum InputErrorReason
{
    Invalid,        // could not be read for a reason without its own code
    Missing,        // no such file, or a dangling symbolic link
    Unreadable,     // permission denied or an I/O error
    NotAFile,       // a device, pipe or socket
    Empty,          // no bytes, or only white space
    Binary,         // not text, and no reader for its format
    TooLarge,       // above InputLimits.MaxBytes
    TooManyPages,   // above InputLimits.MaxPages
    TooManyPixels,  // an image (or rendered page) above InputLimits.MaxPixels
    LineTooLong,    // a line above InputLimits.MaxLineChars
    Bomb,           // a compressed stream that inflates beyond InputLimits.MaxDecodedBytes
    Encrypted,      // needs a password to open
    Corrupt,        // damaged or truncated file of a known format
    Unsupported,    // a known format this build cannot read
}

/// <summary>Thrown for input that cannot be read; the message names the reason (the caller adds the file).</summary>
public sealed class InputException : Exception
{
    public InputErrorReason Reason { get; }

    public InputException(string message, Exception? inner = null) : this(InputErrorReason.Invalid, message, inner) { }

    public InputException(InputErrorReason reason, string message, Exception? inner = null) : base(message, inner) => Reason = reason;

    /// <summary>The reason as written to errors.csv: too-many-pages, encrypted, ...</summary>
    public static string Code(InputErrorReason reason) => Kebab(reason.ToString());

    internal static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
