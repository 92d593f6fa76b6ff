using System.CommandLine;
using System.Text;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Cli.Validation;

/// <summary>Turns <c>--schema NAME|FILE</c> into a compiled schema: an existing file is read, anything else is
/// fetched from the registry.</summary>
internal static class SchemaResolver
{
    public static async Task<ResolvedSchema> ResolveAsync(
        string schema, string? version, CliContext context, CommonOptions common, ParseResult parse, CancellationToken cancellationToken)
    {
        if (File.Exists(schema))
        {
            if (version is not null)
            {
                throw new UsageException("--version applies to a schema fetched from the registry, not to a schema file.");
            }

            return new ResolvedSchema(schema, "file", null, Compile(File.ReadAllBytes(schema), schema));
        }

        if (schema.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || schema.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UsageException($"The schema file '{schema}' does not exist.");
        }

        var settings = common.ResolveRegistry(parse);
        var track = common.ResolveTrack(parse);
        var session = context.ConnectRegistry(settings);
        await using var sessionScope = session.ConfigureAwait(false);
        var fetched = await session.Client.GetSchemaAsync(track, schema, version, cancellationToken).ConfigureAwait(false);
        var validator = Compile(Encoding.UTF8.GetBytes(fetched.Content.GetRawText()), $"{fetched.Name} {fetched.CoreVersion} ({track})");
        return new ResolvedSchema(fetched.Name, track, fetched.CoreVersion, validator);
    }

    private static JsonSchemaValidator Compile(byte[] schema, string what)
    {
        try
        {
            return JsonSchemaValidator.Parse(schema);
        }
        catch (InvalidSchemaException ex)
        {
            // The engine's message usually names the location already; say it once.
            var location = ex.SchemaLocation.Length > 0 && !ex.Message.Contains($"'{ex.SchemaLocation}'", StringComparison.Ordinal) ? $" (at {ex.SchemaLocation})" : "";
            throw new UsageException($"The schema {what} cannot be compiled: {ex.Message.ReplaceLineEndings(" ")}{location}", ex);
        }
    }
}
