using Castellan.Core.Catalogs;
using Castellan.Core.Soa;
using Castellan.Tests;

namespace Castellan.Core.Tests.Soa;

/// <summary>Parse, then read against Annex A: the 2013 part of Annex A is only needed (and loaded by the gap analysis) for 2013 numbering.</summary>
public sealed class SoaReaderTwoStepTests
{
    private static readonly Domain.Catalogs.Catalog Iso2022 = ShippedCatalogs.Instance.Find(AnnexA.Id2022)!;

    [Fact]
    public void Read_2022SampleAgainstThe2022PartAlone_IsTheSameAsAgainstAllOfAnnexA()
    {
        var content = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2022.csv"));

        var sheet = SoaReader.Parse("soa-2022.csv", content);
        var twoStep = SoaReader.Read(sheet, AnnexA.From2022(Iso2022));
        var whole = SoaReader.Read("soa-2022.csv", content);

        sheet.From2013.ShouldBeFalse();
        twoStep.Soa.Entries.ShouldBe(whole.Soa.Entries);
        twoStep.Rows.ShouldBe(whole.Rows);
        twoStep.Warning.ShouldBe(whole.Warning);
    }

    [Fact]
    public void Read_2013NumberingAgainstThe2022PartAlone_IsAProgrammingError()
    {
        var sheet = SoaReader.Parse("soa-2013.csv", SoaTestFiles.Csv("Control;Applicable;Status\nA.9.2.1;yes;implemented\n"));

        sheet.From2013.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => SoaReader.Read(sheet, AnnexA.From2022(Iso2022))).Message.ShouldContain("2013");
    }
}
