using Castellan.Tests;

namespace Castellan.Cli.Tests.Assets;

public sealed class AssetsImportTests
{
    private static async Task<(string Workspace, string Inventory)> SetUpAsync(string inventory)
    {
        var dir = TestPaths.TempDirectory();
        var workspace = Path.Combine(dir, "plant.yaml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"), workspace);
        var file = Path.Combine(dir, "inventory.csv");
        await File.WriteAllTextAsync(file, inventory);
        return (workspace, file);
    }

    [Fact]
    public async Task Import_TwiceTheSameInventory_ChangesNothingTheSecondTime()
    {
        var (workspace, inventory) = await SetUpAsync("Hostname;Device type;Manufacturer;Model;Firmware;IP address\nplc-filter-01;PLC;Siemens;S7-1516-3 PN/DP;3.0.1;\nrtu-77;RTU;ABB;RTU560;13.2;10.1.1.77\n");
        var db = await CliRun.NewDatabaseAsync("sqlite");

        var first = await CliRun.RunAsync(db, "assets", "import", inventory, "--into", workspace);
        var afterFirst = await File.ReadAllTextAsync(workspace);
        var second = await CliRun.RunAsync(db, "assets", "import", inventory, "--into", workspace);
        var check = await CliRun.RunAsync(db, "zones", workspace);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Out.ShouldContain("1 added, 1 updated");
        second.Out.ShouldContain("No changes");
        (await File.ReadAllTextAsync(workspace)).ShouldBe(afterFirst);
        afterFirst.ShouldContain("firmware: \"3.0.1\"");
        afterFirst.ShouldContain("id: \"rtu-77\"");
        afterFirst[afterFirst.IndexOf("id: \"rtu-77\"", StringComparison.Ordinal)..].ShouldContain("zone: \"filtration\"");
        check.ExitCode.ShouldBe(0, check.Error);
    }

    [Fact]
    public async Task Import_WithABadRow_MergesNothing()
    {
        var (workspace, inventory) = await SetUpAsync("Hostname,IP address,Zone\nnew-1,10.1.1.80,\nnew-2,10.1.1.300,\nnew-3,10.1.1.81,nowhere\n");
        var before = await File.ReadAllTextAsync(workspace);

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "assets", "import", inventory, "--into", workspace);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("row 3: '10.1.1.300' is not an IP address");
        run.Error.ShouldContain("row 4: unknown zone 'nowhere'");
        (await File.ReadAllTextAsync(workspace)).ShouldBe(before);
    }
}
