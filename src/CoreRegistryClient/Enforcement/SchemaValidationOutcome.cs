using CoreRegistryClient.Caching;

namespace CoreRegistryClient.Enforcement;

/// <summary>The result of <see cref="ISchemaManager.Validate(string, ReadOnlySpan{byte}, string?)"/>.</summary>
/// <remarks>A struct that points at the cached schema, so a valid payload allocates nothing: errors are only
/// materialised on failure.</remarks>
public readonly struct SchemaValidationOutcome : IEquatable<SchemaValidationOutcome>
{
    private readonly CompiledSchema? _schema;
    private readonly string? _schemaName;
    private readonly string? _requestedTrack;
    private readonly IReadOnlyList<SchemaValidationError>? _errors;

    internal SchemaValidationOutcome(string schemaName, CompiledSchema? schema, string? requestedTrack, EnforcementMode mode,
        SchemaValidationStatus status, IReadOnlyList<SchemaValidationError>? errors = null, PayloadReadError readError = PayloadReadError.None)
    {
        _schemaName = schemaName;
        _schema = schema;
        _requestedTrack = requestedTrack;
        Mode = mode;
        Status = status;
        _errors = errors;
        ReadError = readError;
    }

    /// <summary>How the validation ended.</summary>
    public SchemaValidationStatus Status { get; }

    /// <summary>Whether the caller may treat the payload as valid: it matched, was not validated (off), or failed open.</summary>
    public bool IsValid => Status is SchemaValidationStatus.Valid or SchemaValidationStatus.Skipped or SchemaValidationStatus.FailedOpen;

    /// <summary>Whether the payload was let through only because its schema was unavailable.</summary>
    public bool IsFailOpen => Status == SchemaValidationStatus.FailedOpen;

    /// <summary>The mode applied to this message (after overrides and the canary).</summary>
    public EnforcementMode Mode { get; }

    /// <summary>The schema name as the caller gave it.</summary>
    public string SchemaName => _schemaName ?? "";

    /// <summary>The track asked for (the pinned or preferred track), or null when the payload was not validated.</summary>
    public string? RequestedTrack => _schema?.RequestedTrack ?? _requestedTrack;

    /// <summary>The track the schema actually came from, or null when no schema was used.</summary>
    public string? NegotiatedTrack => _schema?.Track;

    /// <summary>The schema version used, or null when no schema was used.</summary>
    public string? Version => _schema?.Version;

    /// <summary>The registry's id of the schema used (<c>$schema_id</c>), or null when no schema was used, the
    /// registry gave none, or the schema came from the disk snapshot.</summary>
    public string? SchemaId => _schema?.SchemaId;

    /// <summary>Whether the schema used is deprecated on its track (the registry had no current copy on any candidate track).</summary>
    public bool IsDeprecated => _schema?.Deprecated ?? false;

    /// <summary>The registry's deprecation note for the schema used, or null.</summary>
    public string? DeprecationNote => _schema?.DeprecationNote;

    /// <summary>Set when <see cref="Status"/> is <see cref="SchemaValidationStatus.Invalid"/> because the payload
    /// could not be read as JSON at all (its one error then describes why, with a byte offset but no content).</summary>
    public PayloadReadError ReadError { get; }

    /// <summary>The failed assertions; empty (a shared empty list) unless <see cref="Status"/> is <see cref="SchemaValidationStatus.Invalid"/>, <see cref="SchemaValidationStatus.Unavailable"/> or <see cref="SchemaValidationStatus.SchemaNotFound"/>.</summary>
    public IReadOnlyList<SchemaValidationError> Errors => _errors ?? [];

    /// <inheritdoc/>
    public bool Equals(SchemaValidationOutcome other) =>
        Status == other.Status && Mode == other.Mode && ReferenceEquals(_schema, other._schema)
        && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal) && ReferenceEquals(_errors, other._errors);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SchemaValidationOutcome other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, Mode, SchemaName);

    /// <summary>Whether two outcomes are the same.</summary>
    public static bool operator ==(SchemaValidationOutcome left, SchemaValidationOutcome right) => left.Equals(right);

    /// <summary>Whether two outcomes differ.</summary>
    public static bool operator !=(SchemaValidationOutcome left, SchemaValidationOutcome right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"{SchemaName} ({NegotiatedTrack ?? "-"} {Version ?? "-"}): {Status}, mode {Mode}, {Errors.Count} error(s)";
}
