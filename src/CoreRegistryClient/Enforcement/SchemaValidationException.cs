using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Enforcement;

/// <summary>Thrown in strict mode when a payload does not match its schema (or its schema is unavailable and
/// <see cref="UnavailableSchemaBehavior.Reject"/> is configured).</summary>
/// <remarks>The message names error locations and keywords only, never payload values (payloads can carry
/// personal or commercial data).</remarks>
public sealed class SchemaValidationException : Exception
{
    private const int ErrorsInMessage = 5;

    /// <summary>Creates the exception.</summary>
    public SchemaValidationException() : this("The payload does not match its schema.") { }

    /// <summary>Creates the exception.</summary>
    public SchemaValidationException(string message) : base(message) => SchemaName = "";

    /// <summary>Creates the exception.</summary>
    public SchemaValidationException(string message, Exception innerException) : base(message, innerException) => SchemaName = "";

    /// <summary>Creates the exception from a failed outcome.</summary>
    public SchemaValidationException(SchemaValidationOutcome outcome) : base(Describe(outcome))
    {
        SchemaName = outcome.SchemaName;
        RequestedTrack = outcome.RequestedTrack;
        NegotiatedTrack = outcome.NegotiatedTrack;
        Version = outcome.Version;
        Mode = outcome.Mode;
        Status = outcome.Status;
        Errors = outcome.Errors;
    }

    /// <summary>The schema the payload was checked against.</summary>
    public string SchemaName { get; }

    /// <summary>The track asked for.</summary>
    public string? RequestedTrack { get; }

    /// <summary>The track the schema came from (null when it was unavailable).</summary>
    public string? NegotiatedTrack { get; }

    /// <summary>The schema version (null when it was unavailable).</summary>
    public string? Version { get; }

    /// <summary>The mode that rejected the payload.</summary>
    public EnforcementMode Mode { get; } = EnforcementMode.Strict;

    /// <summary><see cref="SchemaValidationStatus.Invalid"/>, or <see cref="SchemaValidationStatus.Unavailable"/> when the schema could not be had.</summary>
    public SchemaValidationStatus Status { get; } = SchemaValidationStatus.Invalid;

    /// <summary>The failed assertions with their instance and keyword locations.</summary>
    public IReadOnlyList<SchemaValidationError> Errors { get; } = [];

    private static string Describe(SchemaValidationOutcome outcome)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        if (outcome.Status == SchemaValidationStatus.SchemaNotFound)
        {
            text.Append(culture, $"Schema '{outcome.SchemaName}' (track {outcome.RequestedTrack}) does not exist in the registry; check the schema name.");
            return text.ToString();
        }

        if (outcome.Status == SchemaValidationStatus.Unavailable)
        {
            text.Append(culture, $"Schema '{outcome.SchemaName}' (track {outcome.RequestedTrack}) is unavailable and unknown schemas are rejected.");
            return text.ToString();
        }

        text.Append(culture, $"Payload rejected by schema '{outcome.SchemaName}' (track {outcome.NegotiatedTrack}");
        if (!string.Equals(outcome.RequestedTrack, outcome.NegotiatedTrack, StringComparison.Ordinal))
        {
            text.Append(culture, $", requested {outcome.RequestedTrack}");
        }

        text.Append(culture, $", version {outcome.Version}, mode {outcome.Mode}): {outcome.Errors.Count} error(s)");
        for (var i = 0; i < outcome.Errors.Count && i < ErrorsInMessage; i++)
        {
            var error = outcome.Errors[i];
            text.Append(culture, $"{(i == 0 ? ": " : "; ")}{error.Keyword} at '{error.InstanceLocation}' ({error.KeywordLocation})");
        }

        if (outcome.Errors.Count > ErrorsInMessage) text.Append(culture, $"; and {outcome.Errors.Count - ErrorsInMessage} more");
        return text.Append('.').ToString();
    }
}
