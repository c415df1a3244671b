namespace Castellan.Core.Oscal;

internal static partial class OscalSchema
{
    /// <summary>
    /// The OSCAL 1.2.1 mapping-collection model (oscal_mapping_schema.json). Metadata, props, links and back-matter
    /// are the catalog model's. A nested class, so that its shapes are built after the shared ones they use
    /// (the order of static initialisers across the files of a partial class is unspecified).
    /// </summary>
    internal static class MappingModel
    {
        public static readonly string[] Methods = ["human", "automation", "hybrid"];

        public static readonly string[] MatchingRationales = ["syntactic", "semantic", "functional"];

        public static readonly string[] Statuses = ["complete", "not-complete", "draft", "deprecated", "superseded"];

        private static Choice Closed(Field type, params string[] allowed) => new(type, allowed, Open: false);

        private static Choice Open(Field type, params string[] allowed) => new(type, allowed, Open: true);

        private static readonly Shape MappingItemShape = Make("mapping-item", ["type", "id-ref"],
            ("type", Closed(Token, "control", "statement")), ("id-ref", Line), Props, Links, Remarks);

        private static readonly Shape ResourceReferenceShape = Make("mapping-resource-reference", ["type", "href"],
            ("ns", UriText), ("type", Open(Token, "catalog", "profile")), ("href", UriText), Props, Links, Remarks);

        private static readonly Shape QualifierShape = Make("qualifier-item", ["subject", "predicate", "category", "description"],
            ("subject", Closed(Line, "source", "target", "both")),
            ("predicate", Closed(Line, "has-requirement", "has-incompatibility")),
            ("category", Closed(Line, "restricted", "addressable", "blocked")),
            ("description", Markup), Remarks);

        // anyOf [{category}, {percentage}], each with additionalProperties false: one of the two, or neither.
        private static readonly Shape ConfidenceScoreShape = Make("confidence-score", [], ("category", Line), ("percentage", new Number()))
            with { Exclusive = ["category", "percentage"] };

        private static readonly Shape CoverageShape = Make("coverage", ["target-coverage"],
            ("generation-method", Open(Line, "arbitrary")), ("target-coverage", new Number()));

        private static readonly Shape MatchingShape = Make("matching", [], ("pattern", Line), Remarks);

        private static readonly Shape SelectControlShape = Make("select-control-by-id", [],
            ("with-child-controls", Closed(Token, "yes", "no")), ("with-ids", new Array(() => Token)), ("matching", ArrayOf(() => MatchingShape)));

        private static readonly Shape GapSummaryShape = Make("gap-summary", ["uuid", "unmapped-controls"],
            ("uuid", Uuid), ("unmapped-controls", ArrayOf(() => SelectControlShape)));

        private static readonly (string, Field) ConfidenceScore = ("confidence-score", new Object(() => ConfidenceScoreShape));

        private static readonly (string, Field) Coverage = ("coverage", new Object(() => CoverageShape));

        private static readonly Shape MapShape = Make("map", ["uuid", "relationship", "sources", "targets"],
            ("uuid", Uuid), ("ns", UriText), ("matching-rationale", Closed(Line, MatchingRationales)), ("relationship", Token),
            ("sources", ArrayOf(() => MappingItemShape)), ("targets", ArrayOf(() => MappingItemShape)),
            ("qualifiers", ArrayOf(() => QualifierShape)), ConfidenceScore, Coverage, Props, Links, Remarks);

        private static readonly Shape MappingShape = Make("mapping", ["uuid", "source-resource", "target-resource", "maps"],
            ("uuid", Uuid), ("method", Closed(Line, Methods)), ("matching-rationale", Closed(Line, MatchingRationales)),
            ("status", Closed(Line, Statuses)), ("source-resource", new Object(() => ResourceReferenceShape)),
            ("target-resource", new Object(() => ResourceReferenceShape)), ("maps", ArrayOf(() => MapShape)), Props, Links, Remarks,
            ("mapping-description", Markup), ("source-gap-summary", new Object(() => GapSummaryShape)),
            ("target-gap-summary", new Object(() => GapSummaryShape)), ConfidenceScore, Coverage);

        private static readonly Shape ProvenanceShape = Make("mapping-provenance", ["method", "matching-rationale", "status", "mapping-description"],
            ("method", Closed(Line, Methods)), ("matching-rationale", Closed(Line, MatchingRationales)), ("status", Closed(Line, Statuses)),
            ConfidenceScore, Coverage, ("mapping-description", Markup), ("responsible-parties", ArrayOf(() => ResponsiblePartyShape)),
            Props, Links, Remarks);

        private static readonly Shape MappingCollectionShape = Make("mapping-collection", ["uuid", "metadata", "provenance", "mappings"],
            ("uuid", Uuid), ("metadata", new Object(() => MetadataShape)), ("provenance", new Object(() => ProvenanceShape)),
            ("mappings", new OneOrMany(() => new Object(() => MappingShape))), ("back-matter", new Object(() => BackMatterShape)));

        public static readonly Shape Root = Make("document", ["mapping-collection"],
            ("$schema", UriText), ("mapping-collection", new Object(() => MappingCollectionShape)));
    }
}
