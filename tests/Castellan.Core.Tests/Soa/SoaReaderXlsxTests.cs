using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using static Castellan.Core.Tests.Soa.SoaTestFiles;

namespace Castellan.Core.Tests.Soa;

/// <summary>XLSX SoAs: the first worksheet is read; hostile or broken archives are refused before they are opened.</summary>
public sealed class SoaReaderXlsxTests
{
    [Fact]
    public void Read_Workbook_ReadsSharedInlineNumberAndBooleanCellsWithGaps()
    {
        var xlsx = Xlsx(
            ("A1", "Statement of Applicability"),
            ("A3", "Control"), ("C3", "Applicable?"), ("D3", "Status"), ("E3", "Owner"),
            ("A4", "A.5.1 Policies"), ("C4", true), ("D4", "Implemented"), ("E4", new InlineText("CISO")),
            ("A5", 5.15), ("C5", 1), ("D5", "partial"),
            ("A6", "A.5.2"), ("C6", false),
            ("A8", "A.5.3"), ("C8", "maybe"));

        var import = SoaReader.Read("soa.xlsx", xlsx);

        import.Soa.Find("A.5.1").ShouldNotBeNull().ShouldBe(new SoaEntry
        {
            ControlId = "A.5.1", Applicable = true, Implementation = ImplementationStatus.Implemented, Owner = "CISO",
        });
        import.Soa.Find("A.5.15").ShouldNotBeNull().Implementation.ShouldBe(ImplementationStatus.PartiallyImplemented);
        import.Soa.Find("A.5.2").ShouldNotBeNull().Applicable.ShouldBeFalse();
        import.Rows.Select(r => (r.Row, r.Outcome)).ShouldBe([(4, "imported"), (5, "imported"), (6, "imported"), (8, "refused")]);
    }

    [Fact]
    public void Read_WorkbookWithXlsExtension_IsDetectedByContent() =>
        SoaReader.Read("soa.csv", Xlsx(("A1", "Ref"), ("B1", "Included"), ("A2", "A.8.1"), ("B2", "yes"))).Soa.Find("A.8.1").ShouldNotBeNull();

    [Fact]
    public void Read_ManyRows_AreAllRead()
    {
        var cells = new List<(string, object)> { ("A1", "Control"), ("B1", "Applicable") };
        var controls = Enumerable.Range(1, 37).Select(i => $"A.5.{i}").Concat(Enumerable.Range(1, 34).Select(i => $"A.8.{i}")).ToList();
        for (var i = 0; i < controls.Count; i++)
        {
            cells.Add(($"A{i + 2}", controls[i]));
            cells.Add(($"B{i + 2}", "yes"));
        }

        SoaReader.Read("soa.xlsx", Xlsx([.. cells])).Soa.Entries.Count.ShouldBe(71);
    }

    [Fact]
    public void Read_ZipBomb_IsRefused()
    {
        var xlsx = WithEntry(Xlsx(("A1", "Control"), ("B1", "Applicable")), "xl/media/padding.bin", new byte[50 * 1024 * 1024]);

        Should.Throw<InputException>(() => SoaReader.Read("bomb.xlsx", xlsx))
            .Message.ShouldBe("bomb.xlsx: the workbook entry 'xl/media/padding.bin' expands more than 100-fold; refused as a possible zip bomb");
    }

    [Fact]
    public void Read_ArchiveExpandingOver200MB_IsRefused()
    {
        // 1 MiB entries are small enough to escape the ratio check; 210 of them are not small enough in total.
        var zeros = new byte[1024 * 1024];
        var zip = Zip([.. Enumerable.Range(0, 210).Select(i => ($"xl/media/{i}.bin", zeros))]);

        Should.Throw<InputException>(() => SoaReader.Read("huge.xlsx", zip))
            .Message.ShouldBe("huge.xlsx: the workbook expands to more than 200 MB; refused as a possible zip bomb");
    }

    [Fact]
    public void Read_TooManyEntries_IsRefused()
    {
        var zip = Zip([.. Enumerable.Range(0, 1001).Select(i => ($"part{i}.xml", "<a/>"u8.ToArray()))]);

        Should.Throw<InputException>(() => SoaReader.Read("many.xlsx", zip))
            .Message.ShouldBe("many.xlsx: the workbook archive has 1,001 entries; the limit is 1,000");
    }

    [Fact]
    public void Read_CorruptZip_IsRefused()
    {
        var xlsx = Xlsx(("A1", "Control"), ("B1", "Applicable"));
        var corrupt = xlsx[..(xlsx.Length / 2)];

        Should.Throw<InputException>(() => SoaReader.Read("corrupt.xlsx", corrupt)).Message.ShouldStartWith("corrupt.xlsx: ");
    }

    [Fact]
    public void Read_ZipThatIsNotAWorkbook_IsRefused() =>
        Should.Throw<InputException>(() => SoaReader.Read("notes.xlsx", Zip(("notes.txt", Encoding.UTF8.GetBytes("hello")))))
            .Message.ShouldBe("notes.xlsx: a zip archive but not an Excel workbook (.xlsx)");

    [Fact]
    public void Read_ZipWithDamagedEntry_IsRefused()
    {
        var xlsx = Xlsx(("A1", "Control"), ("B1", "Applicable"), ("A2", "A.5.1"), ("B2", "yes"));
        var damaged = (byte[])xlsx.Clone();
        for (var i = 200; i < damaged.Length - 400; i += 97)
        {
            damaged[i] ^= 0x5A;
        }

        Should.Throw<InputException>(() => SoaReader.Read("damaged.xlsx", damaged)).Message.ShouldStartWith("damaged.xlsx: ");
    }
}
