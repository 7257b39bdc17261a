using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Extractor.Evaluation;

namespace Extractor.Tests.Ocr;

/// <summary>
/// Validates ALTO output against the ALTO 4.4 schema (tests/Extractor.Tests/Fixtures/alto/alto-4-4.xsd, from the ALTO
/// board's altoxml/schema repository, CC BY-SA 4.0 as its header says); its XLink import is served from a local
/// stand-in, so no network is needed.
/// </summary>
internal static class AltoSchema
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    private static string Dir()
    {
        var root = BenchmarkLocator.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        return Path.Combine(root, "tests", "Extractor.Tests", "Fixtures", "alto");
    }

    private sealed class LocalXlink(string dir) : XmlUrlResolver
    {
        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) =>
            relativeUri is not null && relativeUri.EndsWith("/xlink.xsd", StringComparison.Ordinal)
                ? new Uri(Path.Combine(dir, "xlink.xsd"))
                : base.ResolveUri(baseUri, relativeUri);
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = new LocalXlink(Dir()) };
        using (var reader = XmlReader.Create(Path.Combine(Dir(), "alto-4-4.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
            set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Fails with every schema error and warning of <paramref name="xml"/>.</summary>
    public static void Validate(string xml)
    {
        var problems = new List<string>();
        XDocument.Parse(xml, LoadOptions.SetLineInfo).Validate(Set.Value, (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
