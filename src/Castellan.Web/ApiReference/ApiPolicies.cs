using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Castellan.Web.ApiReference;

/// <summary>Writes each operation's authorization policy into the OpenAPI document as "x-castellan-policy", so scripts and the reference page can see it.</summary>
internal static class ApiPolicies
{
    public const string Extension = "x-castellan-policy";

    public const string Anonymous = "(anonymous)";

    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policy = metadata.OfType<IAllowAnonymous>().Any()
            ? Anonymous
            : string.Join(", ", metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct());
        if (policy.Length > 0)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[Extension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(policy));
        }

        return Task.CompletedTask;
    }

    public static string? Of(OpenApiOperation operation) =>
        operation.Extensions?.TryGetValue(Extension, out var value) == true && value is JsonNodeExtension { Node: { } node } ? node.ToString() : null;
}
