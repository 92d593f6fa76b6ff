namespace CoreRegistryClient.JsonSchema;

/// <summary>One failed assertion.</summary>
/// <param name="InstanceLocation">JSON Pointer to the failing part of the instance (<c>""</c> is the root).</param>
/// <param name="KeywordLocation">JSON Pointer to the keyword along the evaluation path, through <c>$ref</c>s (e.g. <c>/properties/level/$ref/enum</c>).</param>
/// <param name="AbsoluteKeywordLocation">The absolute URI of the keyword in its schema resource (e.g. <c>https://example.com/s#/$defs/level/enum</c>).</param>
/// <param name="Keyword">The keyword that failed (e.g. <c>required</c>).</param>
/// <param name="Message">A human-readable message; never contains instance values unless <see cref="JsonSchemaOptions.IncludeValuesInMessages"/> is set.</param>
public sealed record ValidationError(
    string InstanceLocation,
    string KeywordLocation,
    string AbsoluteKeywordLocation,
    string Keyword,
    string Message);
