using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Core.Zones;
using Castellan.Domain.Risk;
using Castellan.Tests;

namespace Castellan.Core.Tests.Risk;

public sealed class RiskYamlTests
{
    private static readonly string PlantText = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"));

    [Fact]
    public void Read_TheReferencePlant_GivesItsRegister()
    {
        var register = WorkspaceYaml.Read("plant.yaml", PlantText).Risk.ShouldNotBeNull();

        register.Matrix.Likelihood.Count.ShouldBe(5);
        register.Matrix.Tolerable.ShouldBe("moderate");
        var dosing = register.Assessments[0].Scenarios.Single(s => s.Id == "R-04");
        dosing.Techniques.ShouldContain("T0836");
        dosing.Consequences.ShouldContain(c => c.Category == ImpactCategory.HealthSafety && c.Pha!.Contains("HAZOP", StringComparison.Ordinal));
        register.Assessments[0].Steps.Select(s => s.Zcr).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        register.Derivations.Single(d => d.Zone == "sis").Override.ShouldNotBeNull();
    }

    [Fact]
    public void WriteThenRead_WithARegister_IsLossless()
    {
        var workspace = WorkspaceYaml.Read("plant.yaml", PlantText);

        var text = WorkspaceYamlWriter.Write(workspace);
        var back = WorkspaceYaml.Read("back.yaml", text);

        WorkspaceYamlWriter.Write(back).ShouldBe(text);
        text.ShouldContain("risk:\n  matrix:\n");
        Json(back.Risk).ShouldBe(Json(workspace.Risk));
    }

    [Theory]
    [InlineData("      likely:         [moderate, significant, high, critical, critical]", "      likely:         [moderate, significant, high, critical, high]",
        "risk matrix 'risk', field 'cells.likely[5]': band 'high' at likelihood 'likely' is below 'critical'")]
    [InlineData("    tolerable: moderate\n", "    tolerable: acceptable\n", "field 'tolerable': 'acceptable' is not one of the bands")]
    [InlineData("    likelihood: [rare, unlikely, possible, likely, almost-certain]", "    likelihood: [unlikely, possible]", "field 'cells': 'rare' is not a likelihood step")]
    [InlineData("residual: { likelihood: possible, impact: moderate }", "residual: { likelihood: almost-certain, impact: moderate }",
        "risk scenario 'R-12', field 'residual.likelihood': 'almost-certain' is above the unmitigated likelihood 'likely'")]
    [InlineData("attack: [T0865]\n", "attack: [T0865]\n          colour: red\n", "risk scenario 'R-12': unknown field 'colour'")]
    [InlineData("attack: [T0865]", "attack: [T1566]", "risk scenario 'R-12', field 'attack': 'T1566' is not a MITRE ATT&CK for ICS technique id")]
    [InlineData("{ category: financial,", "{ category: money,", "field 'category': 'money' is not an impact category")]
    [InlineData("controls: [A.6.3, A.8.7, A.8.13]", "controls: [A.6.3, A.9.7]", "risk scenario 'R-12', field 'treatment.controls': 'A.9.7' is neither")]
    [InlineData("      method: threat-capability\n      actor: { means: simple", "      method: gut-feeling\n      actor: { means: simple",
        "risk derivation 'enterprise', field 'method': 'gut-feeling' is not risk-reduction")]
    [InlineData("    - zone: enterprise\n", "    - zone: enterprise-2\n", "risk derivation 'enterprise-2', field 'zone': unknown zone")]
    [InlineData("decision: accept\n", "decision: ignore\n", "field 'decision': 'ignore' is not accept, mitigate, transfer or avoid")]
    [InlineData("{ zcr: 7, by: Plant manager, date: 2025-05-06,", "{ zcr: 8, by: Plant manager, date: 2025-05-06,", "field 'steps': ZCR 8 is not a step")]
    public void Read_AMalformedRegister_IsRefusedWithFileLineAndField(string find, string replace, string message)
    {
        PlantText.ShouldContain(find);

        var error = Should.Throw<InputException>(() => WorkspaceYaml.Read("plant.yaml", ReplaceFirst(PlantText, find, replace)));

        error.Message.ShouldMatch(@"^plant\.yaml:\d+: ");
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Read_AScenarioError_PointsAtTheScenarioLine()
    {
        var text = ReplaceFirst(PlantText, "residual: { likelihood: possible, impact: moderate }", "residual: { likelihood: possible, impact: catastrophic }");
        var line = PlantText[..PlantText.IndexOf("- id: R-12", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        Should.Throw<InputException>(() => WorkspaceYaml.Read("plant.yaml", text)).Message.ShouldStartWith($"plant.yaml:{line}: risk scenario 'R-12', field 'residual.impact'");
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private static string Json(RiskRegister? register) => JsonSerializer.Serialize(register);
}
