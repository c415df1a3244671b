using System.Text;
using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Core.Zones;
using Castellan.Tests;

namespace Castellan.Core.Tests.Assets;

public sealed class MergeInventoryPreviewTests
{
    private static readonly Domain.Zones.Workspace Plant =
        WorkspaceYaml.Read("plant.yaml", File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml")));

    private static readonly byte[] Inventory = Encoding.UTF8.GetBytes(
        "Asset ID,Hostname,IP address,Firmware,Zone\n" +
        "plc-filter-01,,,9.9.9,\n" +
        "new-01,New device,10.1.1.250,,filtration\n" +
        "plc-filter-01,,,9.9.9,\n" +
        "bad,Bad,10.1.1.999,,\n" +
        "lost,Lost,,,atlantis\n");

    [Fact]
    public void Preview_NamesEveryRowsFate_InRowOrder()
    {
        var preview = MergeInventory.Preview(Plant, "inventory.csv", Inventory);

        preview.Rows.Select(r => (r.Row, r.AssetId, r.Change)).ShouldBe(
        [
            (2, "plc-filter-01", RowChange.Changed),
            (3, "new-01", RowChange.Added),
            (4, "plc-filter-01", RowChange.Unchanged),
            (5, "bad", RowChange.Refused),
            (6, "lost", RowChange.Refused),
        ]);
        preview.Rows[3].Reason!.ShouldContain("10.1.1.999");
        preview.Rows[4].Reason!.ShouldContain("atlantis");
        (preview.Added, preview.Updated, preview.Unchanged).ShouldBe((1, 1, 1));
    }

    [Fact]
    public void Run_RefusesTheFileNamingTheSameRowsThePreviewRefused()
    {
        var error = Should.Throw<InputException>(() => MergeInventory.Run(Plant, "inventory.csv", Inventory));

        error.Message.ShouldContain("2 row(s) refused");
        error.Message.ShouldContain("row 5:");
        error.Message.ShouldContain("row 6:");
    }
}
