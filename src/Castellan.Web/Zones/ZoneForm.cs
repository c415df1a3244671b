using System.Security.Claims;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Castellan.Web.Zones;

/// <summary>The zone form's fields as typed; lists are one item per line.</summary>
public sealed class ZoneForm
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Purdue { get; set; }
    public bool Safety { get; set; }
    public string? Criticality { get; set; }
    public string? Accountable { get; set; }
    public string? System { get; set; }
    public string? Networks { get; set; }
    public string? EssentialFunctions { get; set; }
    public string? Slt { get; set; }
    public string? SltMethod { get; set; }
    public string? SltRationale { get; set; }
    public string? Description { get; set; }
    public long Version { get; set; }

    public static readonly string[] PurdueLevels = ["0", "1", "2", "3", "3.5", "4", "5"];

    public ZoneInput ToInput() => new()
    {
        Id = Id, Name = Name, Purdue = Purdue, Safety = Safety, Criticality = Criticality, Accountable = Accountable, System = System,
        Networks = FormLists.Lines(Networks), EssentialFunctions = FormLists.Lines(EssentialFunctions), Slt = Slt, SltMethod = SltMethod,
        SltRationale = SltRationale, Description = Description,
    };

    public static ZoneForm Of(Zone zone, long version)
    {
        var input = ZoneInput.Of(zone);
        return new ZoneForm
        {
            Id = zone.Id, Name = zone.Name, Purdue = input.Purdue, Safety = zone.Safety, Criticality = zone.Criticality, Accountable = zone.Accountable,
            System = zone.System, Networks = string.Join('\n', input.Networks ?? []), EssentialFunctions = string.Join('\n', zone.EssentialFunctions),
            Slt = input.Slt, SltMethod = input.SltMethod, SltRationale = input.SltRationale, Description = zone.Description, Version = version,
        };
    }
}

/// <summary>What pages share: list fields as lines, the edit right, and how a refused field lands in ModelState.</summary>
public static class FormLists
{
    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static async Task<bool> CanEditAsync(IAuthorizationService authorization, ClaimsPrincipal user, HttpContext context) =>
        (await authorization.AuthorizeAsync(user, context, Policies.SiteEditOtModel)).Succeeded;

    /// <summary>Puts a refusal beside its field (form field names are the PascalCase of the API's).</summary>
    public static void Add(ModelStateDictionary state, string prefix, Core.Common.InputException error)
    {
        var key = error is FieldException f ? $"{prefix}.{char.ToUpperInvariant(f.Field[0])}{f.Field[1..].Split('[', '.')[0]}" : "";
        state.AddModelError(key, error.Message);
    }

    /// <summary>Field by field, their value and yours, for the conflict message.</summary>
    public static IReadOnlyList<(string Field, string Theirs, string Yours)> Differences<T>(T theirs, T yours)
    {
        var rows = new List<(string, string, string)>();
        foreach (var property in typeof(T).GetProperties().Where(p => p.Name != "Version" && p.CanRead))
        {
            var a = Text(property.GetValue(theirs));
            var b = Text(property.GetValue(yours));
            if (a != b)
            {
                rows.Add((property.Name, a, b));
            }
        }

        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Replace("\r", "", StringComparison.Ordinal).Trim(),
        bool b => b ? "yes" : "no",
        _ => value.ToString() ?? "",
    };
}
