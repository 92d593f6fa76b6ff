using System.Text.Json.Serialization;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Cli.Validation;

/// <summary>The result of validating one payload, as <c>validate --json</c> writes it.</summary>
internal sealed record PayloadOutcome(
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("input_error")] string? InputError,
    [property: JsonPropertyName("errors")] IReadOnlyList<PayloadError> Errors)
{
    public static PayloadOutcome From(Payload payload, ValidationResult result) => new(
        payload.Source,
        result.IsValid,
        result.InputError == InputErrorKind.None ? null : $"{result.InputError}: {result.InputErrorMessage}",
        [.. result.Errors.Select(e => new PayloadError(e.InstanceLocation, e.KeywordLocation, e.Keyword, e.Message))]);
}

/// <summary>One failed assertion of a payload.</summary>
internal sealed record PayloadError(
    [property: JsonPropertyName("instance_location")] string InstanceLocation,
    [property: JsonPropertyName("keyword_location")] string KeywordLocation,
    [property: JsonPropertyName("keyword")] string Keyword,
    [property: JsonPropertyName("message")] string Message);
