using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Castellan.Web.ApiReference;

/// <summary>
/// The API reference, rendered on the server from the same OpenAPI document /openapi/v1.json serves: endpoints by tag,
/// with method, path, parameters, body fields and the policy each requires. Anonymous like the document itself: it
/// describes the API's shape, never data, and script authors holding only a token should be able to read it.
/// </summary>
[AllowAnonymous]
public sealed class ApiReferenceModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    public sealed record Parameter(string Name, string In, bool Required, string Type);

    public sealed record Operation(string Method, string Path, string? Summary, string Policy, IReadOnlyList<Parameter> Parameters, IReadOnlyList<string> BodyFields, IReadOnlyList<string> Responses);

    public sealed record Group(string Tag, IReadOnlyList<Operation> Operations);

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public string Title { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info?.Title ?? "API";
        var operations = new List<(string Tag, Operation Operation)>();
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "Other";
                operations.Add((tag, new Operation(method.Method.ToUpperInvariant(), path, operation.Summary, ApiPolicies.Of(operation) ?? "(none declared)",
                    [.. (operation.Parameters ?? []).Select(p => new Parameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeOf(p.Schema)))],
                    BodyFields(operation.RequestBody),
                    [.. (operation.Responses ?? []).Select(r => r.Key)])));
            }
        }

        Groups = [.. operations.GroupBy(o => o.Tag, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, [.. g.Select(o => o.Operation).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method))]))];
    }

    private static IReadOnlyList<string> BodyFields(IOpenApiRequestBody? body)
    {
        if (body?.Content is not { Count: > 0 } content)
        {
            return [];
        }

        var (mediaType, media) = content.First();
        return media.Schema?.Properties is { Count: > 0 } properties
            ? [.. properties.Select(p => $"{p.Key}: {TypeOf(p.Value)}")]
            : [$"({mediaType})"];
    }

    private static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema?.Type is not { } type)
        {
            return "any";
        }

        var name = string.Join(" | ", Enum.GetValues<JsonSchemaType>().Where(t => t != 0 && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));
        return schema.Format is { Length: > 0 } format ? $"{name} ({format})" : name;
    }

    private static int MethodOrder(string method) => method switch
    {
        "GET" => 0,
        "POST" => 1,
        "PUT" => 2,
        "PATCH" => 3,
        "DELETE" => 4,
        _ => 5,
    };
}
