namespace CoreRegistryClient;

/// <summary>One failed assertion, whatever backend validated the payload. Never carries payload values (payloads can
/// hold personal or commercial data).</summary>
/// <param name="InstanceLocation">JSON Pointer to the failing part of the payload (<c>""</c> is the root).</param>
/// <param name="KeywordLocation">JSON Pointer to the keyword along the evaluation path, through <c>$ref</c>s (e.g.
/// <c>/properties/level/$ref/enum</c>); <c>""</c> for errors not raised by a keyword (an unreadable payload).</param>
/// <param name="Keyword">The keyword that failed (e.g. <c>required</c>), or <c>input</c> (an unreadable payload) or
/// <c>schema</c> (no schema to validate against).</param>
/// <param name="Message">A description that names no payload value.</param>
public sealed record SchemaValidationError(string InstanceLocation, string KeywordLocation, string Keyword, string Message);
