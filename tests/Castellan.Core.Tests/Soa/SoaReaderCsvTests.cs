using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using Castellan.Tests;
using static Castellan.Core.Tests.Soa.SoaTestFiles;

namespace Castellan.Core.Tests.Soa;

/// <summary>CSV SoAs as people export them: varied headers, separators, encodings, titles above the header.</summary>
public sealed class SoaReaderCsvTests
{
    private static SoaImport Read(string text) => SoaReader.Read("soa.csv", Csv(text));

    [Theory]
    [InlineData("Control,Applicable,Justification,Status,Owner,Evidence,Notes")]
    [InlineData("Control No.,Applicable?,Reason,Implementation status,Control owner,Reference documents,Comments")]
    [InlineData("control id,APPLICABILITY,Justification for inclusion/exclusion,Implemented,Responsible,Documents,Remarks")]
    [InlineData("Ref,Included,Rationale,Implementation,Owner,Evidence,Notes")]
    [InlineData("Reference,In scope,Rationale,Implemented?,Owner,Evidence,Notes")]
    [InlineData("Annex A,  Applicable  ,Justification,Status,Owner,Evidence,Notes")]
    [InlineData("Clause,Applicable,Justification,Status,Owner,Evidence,Notes")]
    [InlineData("ID,Applicable,Justification,Status,Owner,Evidence,Notes")]
    [InlineData("#,Applicable,Justification,Status,Owner,Evidence,Notes")]
    public void Read_HeaderVariant_MapsEveryColumn(string header)
    {
        var import = Read(header + "\nA.5.15,yes,Least privilege,implemented,IT manager,POL-07,reviewed 2024\n");

        import.Warning.ShouldBeNull();
        var entry = import.Soa.Find("A.5.15").ShouldNotBeNull();
        entry.ShouldBe(new SoaEntry
        {
            ControlId = "A.5.15",
            Applicable = true,
            Justification = "Least privilege",
            Implementation = ImplementationStatus.Implemented,
            Owner = "IT manager",
            Evidence = "POL-07",
            Notes = "reviewed 2024",
        });
        import.Rows.ShouldBe([new SoaRowOutcome(2, "imported", "A.5.15", "imported")]);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_OtherSeparator_IsDetectedFromTheHeader(char separator)
    {
        var text = string.Join(separator, "Control", "Applicable", "Justification, with comma", "Status") + "\r\n"
            + string.Join(separator, "A.5.1", "yes", "Policy, approved", "partial") + "\r\n";

        var entry = Read(text).Soa.Find("A.5.1").ShouldNotBeNull();

        entry.Justification.ShouldBe("Policy, approved");
        entry.Implementation.ShouldBe(ImplementationStatus.PartiallyImplemented);
    }

    [Fact]
    public void Read_Utf8WithBom_ReadsHeaderAndAccents()
    {
        var import = SoaReader.Read("soa.csv", CsvWithBom("Control;Applicable;Owner\nA.5.2;oui-non;x\nA.5.3;yes;Zoë Müller\n", new UTF8Encoding(true)));

        import.Soa.Find("A.5.3").ShouldNotBeNull().Owner.ShouldBe("Zoë Müller");
        import.Rows[0].ShouldBe(new SoaRowOutcome(2, "refused", "A.5.2", "applicable value 'oui-non' is not understood (use yes or no)"));
    }

    [Fact]
    public void Read_ExcelSeparatorLine_IsHonouredAndCountedAsARow()
    {
        var import = Read("sep=;\nControl;Applicable;Notes\nA.5.1;yes;a,b\nA.5.2;perhaps;\n");

        import.Soa.Find("A.5.1").ShouldNotBeNull().Notes.ShouldBe("a,b");
        import.Rows[1].Row.ShouldBe(4);
    }

    [Fact]
    public void Read_Utf16WithBom_IsRead()
    {
        var import = SoaReader.Read("soa.csv", CsvWithBom("Control\tApplicable\tOwner\r\nA.5.3\tyes\tZoë\r\n", new UnicodeEncoding(false, true)));

        import.Soa.Find("A.5.3").ShouldNotBeNull().Owner.ShouldBe("Zoë");
    }

    [Fact]
    public void Read_Windows1252_IsReadWithAWarning()
    {
        var bytes = Encoding.Latin1.GetBytes("Control,Applicable,Owner\nA.5.3,yes,Zoë\n");

        var import = SoaReader.Read("soa.csv", bytes);

        import.Soa.Find("A.5.3").ShouldNotBeNull().Owner.ShouldBe("Zoë");
        import.Warning.ShouldNotBeNull().ShouldContain("Windows-1252");
    }

    [Fact]
    public void Read_TitleRowsAboveHeader_FindsHeaderAndNumbersRowsAsInTheFile()
    {
        var import = Read("""
            Statement of Applicability - Northwater Utility,,,
            Version 3.2 approved 2024-05-01,,,
            ,,,
            Control,Applicable,Status,Owner
            A.5.1,yes,implemented,CISO
            ,,,
            A.5.2,maybe,implemented,CISO
            """);

        import.Rows.ShouldBe([
            new SoaRowOutcome(5, "imported", "A.5.1", "imported"),
            new SoaRowOutcome(7, "refused", "A.5.2", "applicable value 'maybe' is not understood (use yes or no)"),
        ]);
        import.Soa.Entries.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_QuotedFieldsWithNewlinesAndQuotes_AreOneCellAndRowsFollowRecords()
    {
        var import = Read("Control,Applicable,Justification\r\nA.5.1,yes,\"Line one\nsays \"\"policy\"\"\"\r\nA.5.2,no,\"n/a, merged\"\r\nA.5.3,bad,\r\n");

        import.Soa.Find("A.5.1").ShouldNotBeNull().Justification.ShouldBe("Line one\nsays \"policy\"");
        import.Soa.Find("A.5.2").ShouldNotBeNull().Justification.ShouldBe("n/a, merged");
        import.Rows.Single(r => r.Outcome == "refused").Row.ShouldBe(4);
    }

    [Fact]
    public void Read_UnclosedQuote_IsAnInputErrorWithTheRow() =>
        Should.Throw<InputException>(() => Read("Control,Applicable,Notes\nA.5.1,yes,ok\nA.5.2,yes,\"never closed\nA.5.3,yes,x\n"))
            .Message.ShouldBe("soa.csv:3: a quoted field (starting with \") is never closed; the rest of the file would be one cell");

    [Theory]
    [InlineData("A.5.15")]
    [InlineData("5.15")]
    [InlineData("A 5.15")]
    [InlineData("A5.15")]
    [InlineData("Annex A 5.15")]
    [InlineData("A.05.15")]
    [InlineData("A.5.15 Access control")]
    [InlineData("\"A.5.15: Access control\"")]
    public void Read_ControlIdSpelling_IsNormalised(string id) =>
        Read($"Control,Applicable\n{id},yes\n").Soa.Find("A.5.15").ShouldNotBeNull();

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Y", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("x", true)]
    [InlineData("✓", true)]
    [InlineData("Applicable", true)]
    [InlineData("included", true)]
    [InlineData("Yes - required", true)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("Not applicable", false)]
    [InlineData("N/A", false)]
    [InlineData("excluded", false)]
    [InlineData("-", false)]
    public void Read_ApplicableSpelling_IsUnderstood(string value, bool applicable) =>
        Read($"Control,Applicable\nA.5.1,{value}\n").Soa.Find("A.5.1").ShouldNotBeNull().Applicable.ShouldBe(applicable);

    [Theory]
    [InlineData("implemented", ImplementationStatus.Implemented)]
    [InlineData("Fully implemented", ImplementationStatus.Implemented)]
    [InlineData("Yes", ImplementationStatus.Implemented)]
    [InlineData("done", ImplementationStatus.Implemented)]
    [InlineData("Complete", ImplementationStatus.Implemented)]
    [InlineData("partial", ImplementationStatus.PartiallyImplemented)]
    [InlineData("Partially", ImplementationStatus.PartiallyImplemented)]
    [InlineData("In progress", ImplementationStatus.PartiallyImplemented)]
    [InlineData("partially-implemented", ImplementationStatus.PartiallyImplemented)]
    [InlineData("Planned", ImplementationStatus.Planned)]
    [InlineData("to do", ImplementationStatus.Planned)]
    [InlineData("Scheduled", ImplementationStatus.Planned)]
    [InlineData("no", ImplementationStatus.NotImplemented)]
    [InlineData("Not implemented", ImplementationStatus.NotImplemented)]
    [InlineData("none", ImplementationStatus.NotImplemented)]
    [InlineData("Not started", ImplementationStatus.NotImplemented)]
    [InlineData("", ImplementationStatus.NotImplemented)]
    public void Read_StatusSpelling_IsUnderstood(string value, ImplementationStatus status) =>
        Read($"Control,Applicable,Status\nA.5.1,yes,{value}\n").Soa.Find("A.5.1").ShouldNotBeNull().Implementation.ShouldBe(status);

    [Fact]
    public void Read_BadRows_AreRefusedWithRowNumberAndReason()
    {
        var import = Read("""
            Control,Applicable,Status
            A.5.1,yes,implemented
            A.5.99,yes,implemented
            A.5.1,no,
            A.5.3,,implemented
            A.5.4,yes,half done

            A.5,yes,
            ,yes,implemented
            see notes,yes,implemented
            A.5.5,no,n/a
            """);

        import.Rows.ShouldBe([
            new SoaRowOutcome(2, "imported", "A.5.1", "imported"),
            new SoaRowOutcome(3, "refused", "A.5.99", "unknown control id 'A.5.99': not an ISO/IEC 27001:2022 Annex A control"),
            new SoaRowOutcome(4, "refused", "A.5.1", "duplicate: control A.5.1 is already on row 2; only the first is used"),
            new SoaRowOutcome(5, "refused", "A.5.3", "applicable is empty: say whether the control applies (yes or no)"),
            new SoaRowOutcome(6, "refused", "A.5.4", "implementation status 'half done' is not understood (use implemented, partially implemented, planned or not implemented)"),
            new SoaRowOutcome(8, "refused", "A.5", "'A.5' is a heading, not a control"),
            new SoaRowOutcome(9, "refused", null, "no control number in the control column"),
            new SoaRowOutcome(10, "refused", null, "'see notes' is not an Annex A control number (e.g. A.5.15)"),
            new SoaRowOutcome(11, "imported", "A.5.5", "imported"),
        ]);
        import.Soa.Entries.Select(e => e.ControlId).ShouldBe(["A.5.1", "A.5.5"]);
        import.Soa.Find("A.5.1").ShouldNotBeNull().Applicable.ShouldBeTrue();
        import.Warning.ShouldBe("7 of 9 rows refused (see the rows for why)");
    }

    [Fact]
    public void Read_ControlsAbsentFromFile_AreNotInvented() =>
        Read("Control,Applicable\nA.8.1,yes\n").Soa.Entries.Select(e => e.ControlId).ShouldBe(["A.8.1"]);

    [Fact]
    public void Read_UnknownColumns_AreIgnoredAndNamedInWarning()
    {
        var import = Read("Control,Title,Applicable,Risk ID,Last review,,Status\nA.5.1,Policies,yes,R-12,2024-01-01,stray,implemented\n");

        import.Soa.Find("A.5.1").ShouldNotBeNull().Implementation.ShouldBe(ImplementationStatus.Implemented);
        import.Warning.ShouldBe("ignored columns 'Risk ID', 'Last review', 'column F (no header)'");
    }

    [Fact]
    public void Read_SerialNumberAndControlColumns_UsesTheOneHoldingControlIds()
    {
        var import = Read("#,Control,Applicable\n1,A.5.1,yes\n2,A.5.2,no\n");

        import.Soa.Entries.Select(e => e.ControlId).ShouldBe(["A.5.1", "A.5.2"]);
        import.Warning.ShouldBe("ignored column '#'");
    }

    [Fact]
    public void Read_NoControlColumn_IsAnInputErrorNamingFileAndColumns() =>
        Should.Throw<InputException>(() => Read("Title,Applicable,Owner\nPolicies,yes,CISO\n"))
            .Message.ShouldBe("soa.csv: no header row with a control column (e.g. 'Control', 'Control ID', 'Ref') and another SoA column "
                              + "(e.g. 'Applicable') in the first 20 rows; columns found: 'Title', 'Applicable', 'Owner'");

    [Fact]
    public void Read_FormulaEscapedCells_AreUnescaped() =>
        Read("Control,Applicable,Notes\nA.5.1,yes,'=SUM(A1)\n").Soa.Find("A.5.1").ShouldNotBeNull().Notes.ShouldBe("=SUM(A1)");

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 })]
    public void Read_BinaryFile_IsRefused(byte[] content) =>
        Should.Throw<InputException>(() => SoaReader.Read("soa.csv", content)).Message.ShouldStartWith("soa.csv: ");

    [Fact]
    public void Read_EmptyFile_IsRefused() =>
        Should.Throw<InputException>(() => SoaReader.Read("soa.csv", [])).Message.ShouldBe("soa.csv: the file is empty");

    [Fact]
    public void Read_FileOver20MB_IsRefusedBeforeReading() =>
        Should.Throw<InputException>(() => SoaReader.Read("big.csv", new byte[(20 * 1024 * 1024) + 1]))
            .Message.ShouldBe("big.csv: the file is larger than 20 MB, the limit for an SoA");

    [Fact]
    public void Read_Sample2022File_ImportsAll93Controls()
    {
        var import = SoaReader.Read("soa-2022.csv", File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2022.csv")));

        import.Warning.ShouldBeNull();
        import.Rows.Count.ShouldBe(93);
        import.Rows.ShouldAllBe(r => r.Outcome == "imported");
        import.Soa.Find("A.5.23").ShouldNotBeNull().Applicable.ShouldBeFalse();
        import.Soa.Find("A.8.11").ShouldNotBeNull().Applicable.ShouldBeFalse();
    }
}
