using System.Runtime.InteropServices;
using System.Text.Json;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Validation;

/// <summary>A schema compiled by the SDK's own engine, behind the <see cref="ISchemaValidator"/> seam: one virtual
/// call per payload, and the engine's shared results keep a valid payload at zero allocations.</summary>
internal sealed class EngineValidator(JsonSchemaValidator engine) : ISchemaValidator
{
    private static readonly SchemaValidatorResult s_validOutOfBudget = new(true, regexBudgetExceeded: true);
    private static readonly SchemaValidatorResult s_invalidOutOfBudget = new(false, regexBudgetExceeded: true);

    /// <summary>The engine's validator (the CLI and tests reach the engine's own diagnostics through it).</summary>
    public JsonSchemaValidator Engine { get; } = engine;

    public SchemaValidatorResult Validate(ReadOnlySpan<byte> utf8Json, SchemaOutputFormat format) => Map(Engine.Validate(utf8Json, FormatOf(format)));

    public SchemaValidatorResult Validate(JsonElement instance, SchemaOutputFormat format) => Validate(JsonMarshal.GetRawUtf8Value(instance), format);

    private static OutputFormat FormatOf(SchemaOutputFormat format) => format switch
    {
        SchemaOutputFormat.Flag => OutputFormat.Flag,
        SchemaOutputFormat.List => OutputFormat.List,
        _ => OutputFormat.ListIfInvalid,
    };

    private static SchemaValidatorResult Map(ValidationResult result)
    {
        if (result.IsValid) return result.RegexBudgetExceeded ? s_validOutOfBudget : SchemaValidatorResult.Valid;
        if (result.InputError != InputErrorKind.None)
        {
            return new SchemaValidatorResult(false, null, ReadErrorOf(result.InputError), result.BytePosition, result.RegexBudgetExceeded);
        }

        if (result.Errors.Count == 0) return result.RegexBudgetExceeded ? s_invalidOutOfBudget : SchemaValidatorResult.Invalid;
        var errors = new SchemaValidationError[result.Errors.Count];
        for (var i = 0; i < errors.Length; i++)
        {
            var error = result.Errors[i];
            errors[i] = new SchemaValidationError(error.InstanceLocation, error.KeywordLocation, error.Keyword, error.Message);
        }

        return new SchemaValidatorResult(false, errors, regexBudgetExceeded: result.RegexBudgetExceeded);
    }

    // A reference chain too deep to follow is a limit, not a verdict: it reads as an unreadable payload, as before the seam.
    private static PayloadReadError ReadErrorOf(InputErrorKind kind) => kind switch
    {
        InputErrorKind.InvalidUtf8 => PayloadReadError.InvalidUtf8,
        InputErrorKind.DepthExceeded => PayloadReadError.TooDeep,
        _ => PayloadReadError.MalformedJson,
    };
}
