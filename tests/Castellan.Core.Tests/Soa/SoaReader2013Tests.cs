using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using Castellan.Tests;
using static Castellan.Core.Tests.Soa.SoaTestFiles;

namespace Castellan.Core.Tests.Soa;

/// <summary>An SoA still numbered after ISO/IEC 27001:2013 is carried to 2022 through ISO/IEC 27002:2022 Annex B.</summary>
public sealed class SoaReader2013Tests
{
    private static SoaImport Read(string text) => SoaReader.Read("soa-2013.csv", Csv(text));

    [Fact]
    public void Read_2013Numbering_ConvertsThroughTheCorrespondence()
    {
        var import = Read("""
            Control No.;Applicable?;Implementation status;Owner
            A.9.2.1;Yes;Implemented;IT
            12.1.1;yes;partial;Ops
            """);

        import.Soa.Find("A.5.16").ShouldNotBeNull().ShouldBe(new SoaEntry
        {
            ControlId = "A.5.16", Applicable = true, Implementation = ImplementationStatus.Implemented, Owner = "IT", ConvertedFrom = "A.9.2.1",
        });
        import.Soa.Find("A.5.37").ShouldNotBeNull().Implementation.ShouldBe(ImplementationStatus.PartiallyImplemented);
        import.Rows.ShouldBe([
            new SoaRowOutcome(2, "converted", "A.9.2.1", "converted to A.5.16"),
            new SoaRowOutcome(3, "converted", "A.12.1.1", "converted to A.5.37"),
        ]);
        import.Warning.ShouldBe("converted from ISO/IEC 27001:2013 numbering through ISO/IEC 27002:2022 Annex B");
    }

    [Fact]
    public void Read_Several2013RowsOnOne2022Control_AreCombinedWithoutOverstating()
    {
        // A.9.2.2, A.9.2.5 and A.9.2.6 all became A.5.18 (access rights).
        var import = Read("""
            Control,Applicable,Justification,Status,Evidence
            A.9.2.2,yes,Provisioning needed,implemented,PRO-01
            A.9.2.5,yes,Reviews needed,planned,PRO-02
            A.9.2.6,no,No leavers process yet,implemented,
            A.9.2.1,yes,Registration,implemented,PRO-01
            """);

        import.Soa.Find("A.5.18").ShouldNotBeNull().ShouldBe(new SoaEntry
        {
            ControlId = "A.5.18",
            Applicable = true,
            Implementation = ImplementationStatus.Planned,
            Justification = "Provisioning needed; Reviews needed; No leavers process yet",
            Evidence = "PRO-01; PRO-02",
            ConvertedFrom = "A.9.2.2, A.9.2.5, A.9.2.6",
        });
        import.Rows[0].Message.ShouldBe("converted to A.5.18 (combined with A.9.2.5, A.9.2.6)");
        import.Soa.Entries.Select(e => e.ControlId).ShouldBe(["A.5.16", "A.5.18"]);
    }

    [Fact]
    public void Read_AllExcludedSources_GiveAnExcludedControl() =>
        Read("Control,Applicable\nA.9.1.1,no\nA.9.1.2,n/a\n").Soa.Find("A.5.15").ShouldNotBeNull().Applicable.ShouldBeFalse();

    [Fact]
    public void Read_2013ControlWithTwo2022Counterparts_YieldsAnEntryForEach()
    {
        var import = Read("Control,Applicable,Status\nA.18.2.3,yes,implemented\nA.12.6.1,yes,partial\n");

        import.Soa.Find("A.5.36").ShouldNotBeNull().ConvertedFrom.ShouldBe("A.18.2.3");
        import.Soa.Find("A.8.8").ShouldNotBeNull().ShouldSatisfyAllConditions(
            e => e.Implementation.ShouldBe(ImplementationStatus.PartiallyImplemented),
            e => e.ConvertedFrom.ShouldBe("A.18.2.3, A.12.6.1"));
        import.Rows[0].Message.ShouldBe("converted to A.5.36 and A.8.8 (combined with A.12.6.1)");
    }

    [Fact]
    public void Read_MajorityDecidesNumbering_MinorityRowsAreRefused()
    {
        var import = Read("""
            Control,Applicable
            A.9.2.1,yes
            A.9.2.2,yes
            A.5.16,yes
            A.9.2,yes
            A.19.1.1,yes
            A.9.2.1,no
            """);

        import.Rows.Where(r => r.Outcome == "refused").Select(r => (r.Row, r.Message)).ShouldBe([
            (4, "'A.5.16' is not an ISO/IEC 27001:2013 Annex A control (most rows of the file use 2013 numbering)"),
            (5, "'A.9.2' is a control objective heading in ISO/IEC 27001:2013, not a control"),
            (6, "unknown control id 'A.19.1.1': not an ISO/IEC 27001:2013 Annex A control"),
            (7, "duplicate: control A.9.2.1 is already on row 2; only the first is used"),
        ]);
    }

    [Fact]
    public void Read_2013RowsInA2022File_AreRefused()
    {
        var import = Read("Control,Applicable\nA.5.1,yes\nA.5.2,yes\nA.9.2.1,yes\n");

        import.Rows[2].ShouldBe(new SoaRowOutcome(4, "refused", "A.9.2.1", "'A.9.2.1' is ISO/IEC 27001:2013 numbering, but most rows of the file use 2022 numbering"));
        import.Warning.ShouldNotBeNull().ShouldNotContain("2013 numbering through");
    }

    [Fact]
    public void Read_Sample2013File_ConvertsEveryRow()
    {
        var import = SoaReader.Read("soa-2013.csv", File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2013.csv")));

        import.Rows.ShouldAllBe(r => r.Outcome == "converted");
        import.Warning.ShouldBe("converted from ISO/IEC 27001:2013 numbering through ISO/IEC 27002:2022 Annex B");
    }
}
