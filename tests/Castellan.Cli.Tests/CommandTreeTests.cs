namespace Castellan.Cli.Tests;

public sealed class CommandTreeTests
{
    private static CliContext Context() => new(TextWriter.Null, TextWriter.Null, TimeProvider.System, null);

    [Fact]
    public void Build_AllCommands_AreTheNamesOfTheTableInItsOrder()
    {
        var built = Program.Build(Context(), null).Subcommands.Select(c => c.Name);

        built.ShouldBe(Program.Commands.SelectMany(c => c.Names));
    }

    [Fact]
    public void Build_OneNamedCommand_BuildsOnlyItsFactory()
    {
        foreach (var (names, _) in Program.Commands)
        {
            foreach (var name in names)
            {
                Program.Build(Context(), name).Subcommands.Select(c => c.Name).ShouldBe(names, name);
            }
        }
    }

    [Fact]
    public async Task RunAsync_OptionBeforeTheCommand_StillFindsIt()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Program.RunAsync(["--db", Path.Combine(Castellan.Tests.TestPaths.TempDirectory(), "x.db"), "advisories", "--help"], output, error, TimeProvider.System);

        code.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("import");
    }
}
