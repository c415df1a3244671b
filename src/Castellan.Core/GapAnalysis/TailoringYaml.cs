using Castellan.Core.Common;
using Castellan.Domain.GapAnalysis;

namespace Castellan.Core.GapAnalysis;

/// <summary>Reads catalogs/guidance/ot-tailoring.yaml: OT tailoring notes for the gap analysis.</summary>
public static class TailoringYaml
{
    public static IReadOnlyList<TailoringNote> Read(YamlMap root)
    {
        root.RequireOnlyKeys("notes");
        var notes = new List<TailoringNote>();
        foreach (var raw in root.MapList("notes", required: true))
        {
            var id = raw.RequiredString("id");
            var entry = raw.WithContext($"note '{id}'");
            entry.RequireOnlyKeys("id", "concern", "text", "controls", "targets", "source");
            notes.Add(new TailoringNote
            {
                Id = id,
                Concern = entry.RequiredString("concern"),
                Text = entry.RequiredString("text"),
                Controls = entry.StringList("controls"),
                Targets = entry.StringListMap("targets"),
                Source = entry.OptionalString("source"),
            });
        }

        var duplicate = notes.GroupBy(n => n.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? notes : throw InputException.At(root.File, root.Line, $"note id '{duplicate.Key}' appears twice");
    }
}
