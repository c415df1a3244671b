namespace Castellan.Web.Conduits;

public sealed record ConduitFieldsView(ConduitForm Form, IReadOnlyList<string> Zones);
