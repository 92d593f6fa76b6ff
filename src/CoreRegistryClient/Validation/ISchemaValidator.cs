using System.Text.Json;

namespace CoreRegistryClient;

/// <summary>A compiled schema of some backend (see <see cref="ISchemaValidatorFactory"/>): immutable, thread-safe,
/// validates many payloads.</summary>
/// <remarks>The SDK calls it once per payload on the hot path with <see cref="SchemaOutputFormat.ListIfInvalid"/>.
/// Malformed input is a result (<see cref="SchemaValidatorResult.ReadError"/>), never an exception. Errors must not
/// quote payload values.</remarks>
public interface ISchemaValidator
{
    /// <summary>Validates a UTF-8 JSON payload.</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="format">How much to report.</param>
    SchemaValidatorResult Validate(ReadOnlySpan<byte> utf8Json, SchemaOutputFormat format);

    /// <summary>Validates a payload held as a <see cref="JsonElement"/>.</summary>
    /// <param name="instance">The payload.</param>
    /// <param name="format">How much to report.</param>
    SchemaValidatorResult Validate(JsonElement instance, SchemaOutputFormat format);
}
