using System.Text;

namespace Extractor.Report;

/// <summary>HTML escaping for untrusted text: everything that comes from an input document goes through here.</summary>
public static class Html
{
    /// <summary>Escapes text for element content and quoted attribute values; control characters become U+FFFD.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        Append(sb, text);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n' or '\t': sb.Append(c); break;
                case '\r': break;
                default:
                    if (char.IsControl(c)) sb.Append('\uFFFD');
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[i + 1]); i++; }
                    else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
    }

    /// <summary>A fragment identifier made only of letters, digits, '-' and '_' (safe in id and href without escaping).</summary>
    public static string IdPart(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "_";
        var sb = new StringBuilder(value.Length);
        foreach (char c in value) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return sb.ToString();
    }
}
