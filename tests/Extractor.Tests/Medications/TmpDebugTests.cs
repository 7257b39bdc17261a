namespace Extractor.Tests.Medications;
public class TmpDebugTests
{
    [Fact]
    public void Debug()
    {
        foreach (var id in new[] { "20146086", "28202869" })
        {
            var text = File.ReadAllText($"/tmp/gold-in/{id}.gold.txt");
            try { MedicationExtractorTests.Extract(text); }
            catch (Exception e) { Assert.Fail(e.ToString()); }
        }
    }
}
