using System.Text;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Tests.Soa;

/// <summary>Export writes the full 93-control table; reading it back gives the same SoA.</summary>
public sealed class SoaWriterTests
{
    private static readonly StatementOfApplicability Sample = new([
        new SoaEntry
        {
            ControlId = "A.5.1", Applicable = true, Implementation = ImplementationStatus.Implemented,
            Justification = "Required by ISO/IEC 27001 5.2", Owner = "CISO", Evidence = "POL-01 v3", Notes = "Reviewed yearly",
        },
        new SoaEntry { ControlId = "A.5.23", Applicable = false, Justification = "No cloud services in scope" },
        new SoaEntry
        {
            ControlId = "A.8.8", Applicable = true, Implementation = ImplementationStatus.PartiallyImplemented,
            Justification = "Vulnerabilities, \"patching\"; OT: see plan", Owner = "OT lead", Notes = "line one\nline two",
        },
        new SoaEntry { ControlId = "A.8.11", Applicable = false, Implementation = ImplementationStatus.Planned, Justification = "-no masking needed" },
        new SoaEntry { ControlId = "A.7.4", Applicable = true, Implementation = ImplementationStatus.Planned, Notes = "=HYPERLINK(\"http://x\")" },
        new SoaEntry { ControlId = "A.6.3", Applicable = true, Evidence = "@training", Owner = "+HR", Notes = "'=already quoted" },
        new SoaEntry { ControlId = "A.6.4", Applicable = true, Justification = "looks escaped: _x0041_ but is not", Notes = "\tindented\r\nwindows line" },
    ]);

    private static string CsvText(StatementOfApplicability soa)
    {
        using var output = new MemoryStream();
        SoaWriter.WriteCsv(soa, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static byte[] Export(StatementOfApplicability soa, bool xlsx)
    {
        using var output = new MemoryStream();
        if (xlsx)
        {
            SoaWriter.WriteXlsx(soa, output);
        }
        else
        {
            SoaWriter.WriteCsv(soa, output);
        }

        return output.ToArray();
    }

    [Fact]
    public void WriteCsv_Sample_HasBomHeaderCrlfAndAll93Controls()
    {
        var bytes = Export(Sample, xlsx: false);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes[3..]);

        var lines = text.Split("\r\n");
        lines[0].ShouldBe("control,title,applicable,justification,implementation,owner,evidence,notes");
        lines[1].ShouldBe("A.5.1,Policies for information security,yes,Required by ISO/IEC 27001 5.2,implemented,CISO,POL-01 v3,Reviewed yearly");
        lines[2].ShouldStartWith("A.5.2,");
        lines[2].ShouldEndWith(",,,,,,");
        lines.ShouldContain(l => l.StartsWith("A.5.23,", StringComparison.Ordinal) && l.Contains(",no,No cloud services in scope,not-implemented,", StringComparison.Ordinal));
        text.ShouldContain("A.8.8,Management of technical vulnerabilities,yes,\"Vulnerabilities, \"\"patching\"\"; OT: see plan\",partially-implemented,OT lead,,\"line one\nline two\"\r\n");
        text.Count(c => c == '\n').ShouldBe(94 + 2); // header + 93 controls, and the line breaks inside two notes
        text.ShouldEndWith("\r\n");
    }

    [Fact]
    public void WriteCsv_FormulaLikeCells_AreEscapedWithApostrophe()
    {
        var text = CsvText(Sample);

        text.ShouldContain(",'-no masking needed,");
        text.ShouldContain(",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
        text.ShouldContain(",'+HR,'@training,''=already quoted\r\n");
    }

    [Fact]
    public void WriteXlsx_FormulaLikeCells_AreEscapedAndAllCellsAreStrings()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Export(Sample, xlsx: true)), false);
        var workbook = document.WorkbookPart.ShouldNotBeNull();
        var sheet = workbook.Workbook!.Sheets!.Elements<Sheet>().Single();
        sheet.Name!.Value.ShouldBe("Statement of Applicability");
        var cells = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet!.Descendants<Cell>().ToList();

        cells.ShouldAllBe(c => c.DataType!.Value == CellValues.InlineString);
        var texts = cells.ToDictionary(c => c.CellReference!.Value!, c => c.InlineString!.Text!.Text);
        texts["A1"].ShouldBe("control");
        texts["H1"].ShouldBe("notes");
        texts["A94"].ShouldBe("A.8.34");
        texts.Values.ShouldContain("'=HYPERLINK(\"http://x\")");
        texts.Values.ShouldContain("'-no masking needed");
        texts.Values.ShouldNotContain(v => v.StartsWith('=') || v.StartsWith('+') || v.StartsWith('-') || v.StartsWith('@'));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_Sample_GivesTheSameSoa(bool xlsx)
    {
        var import = SoaReader.Read(xlsx ? "soa.xlsx" : "soa.csv", Export(Sample, xlsx));

        import.Soa.Entries.OrderBy(e => e.ControlId).ShouldBe(Sample.Entries.OrderBy(e => e.ControlId));
        import.Rows.Count(r => r.Outcome == "imported").ShouldBe(7);
        import.Rows.Count(r => r.Outcome == "refused").ShouldBe(86);
        import.Rows.Where(r => r.Outcome == "refused").ShouldAllBe(r => r.Message.StartsWith("applicable is empty"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_Every93Controls_GivesTheSameSoa(bool xlsx)
    {
        var statuses = Enum.GetValues<ImplementationStatus>();
        var controls = SoaWriterTestsControls();
        var soa = new StatementOfApplicability(controls.Select((id, i) => new SoaEntry
        {
            ControlId = id,
            Applicable = i % 7 != 3,
            Implementation = statuses[i % statuses.Length],
            Justification = i % 5 == 0 ? null : $"Reason {i}, with \"quotes\"; and more",
            Owner = i % 3 == 0 ? null : "Ops | OT",
            Evidence = i % 4 == 0 ? $"DOC-{i}\r\nDOC-{i + 1}" : null,
            Notes = i % 6 == 0 ? $"-{i} @ +" : null,
        }));

        var import = SoaReader.Read("all", Export(soa, xlsx));

        import.Warning.ShouldBeNull();
        import.Rows.ShouldAllBe(r => r.Outcome == "imported");
        import.Soa.Entries.ShouldBe(soa.Entries);
    }

    private static List<string> SoaWriterTestsControls()
    {
        var rows = CsvText(StatementOfApplicability.Empty).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1);
        return [.. rows.Select(r => r.Split(',')[0].TrimStart('\uFEFF'))];
    }

    [Fact]
    public void WriteCsv_EmptySoa_ListsAll93ControlsInCatalogOrder()
    {
        var controls = SoaWriterTestsControls();

        controls.Count.ShouldBe(93);
        controls[0].ShouldBe("A.5.1");
        controls[36].ShouldBe("A.5.37");
        controls[37].ShouldBe("A.6.1");
        controls[^1].ShouldBe("A.8.34");
    }
}
