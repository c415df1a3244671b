using System.CommandLine;

namespace Castellan.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

public static class OutputOptions
{
    /// <summary>--format for commands that print data: table (the default), json or csv.</summary>
    public static Option<string> Format() => new Option<string>("--format", "-f")
    {
        Description = "Output format: table (default), json or csv.",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "csv");

    public static OutputFormat Parse(string value) => value switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Table,
    };
}
