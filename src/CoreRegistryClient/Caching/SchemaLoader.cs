using System.Text.Json;
using CoreRegistryClient.Registry;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Caching;

/// <summary>Fetches a schema from the registry by track negotiation and compiles it.</summary>
internal sealed class SchemaLoader(ISchemaRegistryClient registry)
{
    /// <summary>The first non-deprecated copy among the policy's tracks (the <paramref name="trackHint"/> first,
    /// when the index already told us where it is); failing that the first deprecated copy; else not found.</summary>
    /// <exception cref="SchemaNotFoundException">No candidate track has the schema.</exception>
    /// <exception cref="RegistryException">The registry failed.</exception>
    public async Task<RegistrySchema> FetchAsync(string name, TrackPolicy policy, string? trackHint, CancellationToken cancellationToken)
    {
        RegistrySchema? deprecated = null;
        foreach (var track in Order(policy.Candidates, trackHint))
        {
            RegistrySchema schema;
            try
            {
                schema = await registry.GetSchemaAsync(track, name, null, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaNotFoundException)
            {
                continue;
            }

            if (string.IsNullOrEmpty(schema.Track)) schema = schema with { Track = track };
            if (!schema.Deprecated) return schema;
            deprecated ??= schema;
        }

        return deprecated ?? throw new SchemaNotFoundException($"Schema '{name}' is on none of the tracks {string.Join(", ", policy.Candidates)}.");
    }

    /// <summary>Compiles with a fresh compiler per schema, so a new version with the same <c>$id</c> never
    /// collides with the old one. Error messages never quote instance values.</summary>
    /// <exception cref="InvalidSchemaException">The schema does not compile.</exception>
    public static JsonSchemaValidator Compile(JsonElement content, bool formatAssertion) =>
        new JsonSchemaCompiler(new JsonSchemaOptions { FormatAssertion = formatAssertion, IncludeValuesInMessages = false }).Compile(content);

    private static IEnumerable<string> Order(IReadOnlyList<string> candidates, string? hint)
    {
        if (hint is not null && candidates.Contains(hint, StringComparer.Ordinal)) yield return hint;
        foreach (var track in candidates)
        {
            if (!string.Equals(track, hint, StringComparison.Ordinal)) yield return track;
        }
    }
}
