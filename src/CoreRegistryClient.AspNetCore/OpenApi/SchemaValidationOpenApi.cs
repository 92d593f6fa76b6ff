using System.Text.Json.Nodes;
using CoreRegistryClient.AspNetCore.Responses;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CoreRegistryClient.AspNetCore.OpenApi;

/// <summary>What a validating endpoint looks like in the OpenAPI document: the registry schema its body is checked
/// against (<c>x-schema-registry</c> on the request body), the result and deprecation headers on its responses,
/// and its 400 / 422 problem responses, whose shapes are components.</summary>
internal static class SchemaValidationOpenApi
{
    public static OpenApiOptions AddSchemaValidation(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchemaDocuments.InvalidComponent] = Parse(ProblemSchemaDocuments.Invalid, document);
            document.Components.Schemas[ProblemSchemaDocuments.MalformedComponent] = Parse(ProblemSchemaDocuments.Malformed, document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<IValidateSchemaMetadata>().LastOrDefault();
            if (metadata is not null) Describe(operation, metadata.SchemaName, context.Document);
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Describe(OpenApiOperation operation, string schemaName, OpenApiDocument? document)
    {
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            body.Extensions["x-schema-registry"] = new JsonNodeExtension(new JsonObject { ["name"] = schemaName });
            body.Description = $"Validated against registry schema '{schemaName}' before binding (UTF-8 JSON; mode off / warn / enforce per endpoint).";
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('2') && response is OpenApiResponse success) AddHeaders(success);
        }

        operation.Responses["400"] = Problem("The body is not well-formed JSON, not UTF-8 or nested too deeply (enforce mode).",
            new OpenApiSchemaReference(ProblemSchemaDocuments.MalformedComponent, document));
        operation.Responses["422"] = Problem("The body does not match the registry schema, or is empty (enforce mode).",
            new OpenApiSchemaReference(ProblemSchemaDocuments.InvalidComponent, document));
        operation.Responses["413"] = Problem("The body is over the endpoint's limit (enforce mode).", null);
        operation.Responses["415"] = Problem("The body is not UTF-8 JSON (enforce mode).", null);
    }

    private static void AddHeaders(OpenApiResponse response)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[ValidationHeaders.Result] = new OpenApiHeader
        {
            Description = "What validation found (RFC 8941 item): valid | invalid | malformed | not-validated | schema-not-found, with parameters "
                + "errors, schema, version, track, id, mode, canary, deprecated, note, reason. Sent whenever the body was subject to validation (warn and enforce).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        response.Headers[ValidationHeaders.Deprecation] = new OpenApiHeader
        {
            Description = "RFC 9745: the schema the body was validated against is deprecated (since this date, @<unix seconds>).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        response.Headers[ValidationHeaders.Sunset] = new OpenApiHeader
        {
            Description = "RFC 8594: when the deprecated schema stops being accepted (when configured).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema? schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemResponses.ContentType] = new OpenApiMediaType { Schema = schema ?? new OpenApiSchema { Type = JsonSchemaType.Object } },
        },
    };

    private static OpenApiSchema Parse(string json, OpenApiDocument document) =>
        OpenApiModelFactory.Parse<OpenApiSchema>(json, OpenApiSpecVersion.OpenApi3_1, document, out _, "json")
        ?? throw new InvalidOperationException("An embedded problem schema does not parse as an OpenAPI schema.");
}
