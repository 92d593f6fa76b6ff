using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient;

/// <summary>What an <see cref="ISchemaValidator"/> found for one payload.</summary>
/// <remarks>A backend returns the shared <see cref="Valid"/> instance for a valid payload, so validating one allocates nothing.</remarks>
public sealed class SchemaValidatorResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="isValid">Whether the payload is valid.</param>
    /// <param name="errors">The failed assertions (none when valid, or in flag output).</param>
    /// <param name="readError">Why the payload could not be read as JSON at all, if so (then it is invalid).</param>
    /// <param name="bytePosition">The byte offset of <paramref name="readError"/>, or -1.</param>
    /// <param name="regexBudgetExceeded">Whether some pattern could not be matched within the backend's time budget.</param>
    public SchemaValidatorResult(bool isValid, IReadOnlyList<SchemaValidationError>? errors = null, PayloadReadError readError = PayloadReadError.None,
        long bytePosition = -1, bool regexBudgetExceeded = false)
    {
        if (isValid && readError != PayloadReadError.None)
        {
            throw new ArgumentException("A payload that could not be read is not valid.", nameof(readError));
        }

        IsValid = isValid;
        Errors = errors ?? [];
        ReadError = readError;
        BytePosition = bytePosition;
        RegexBudgetExceeded = regexBudgetExceeded;
    }

    /// <summary>The shared result for a valid payload.</summary>
    public static SchemaValidatorResult Valid { get; } = new(true);

    /// <summary>The shared result for an invalid payload in flag output (no errors listed).</summary>
    public static SchemaValidatorResult Invalid { get; } = new(false);

    /// <summary>Whether the payload is valid against the schema.</summary>
    public bool IsValid { get; }

    /// <summary>The failed assertions (empty when valid, in flag output, or when the payload could not be read).</summary>
    public IReadOnlyList<SchemaValidationError> Errors { get; }

    /// <summary>Set when the payload could not be read as JSON at all.</summary>
    public PayloadReadError ReadError { get; }

    /// <summary>The byte offset of <see cref="ReadError"/>, or -1.</summary>
    public long BytePosition { get; }

    /// <summary>Whether some backtracking pattern could not be matched within the backend's time budget (it counted as
    /// not matching): counted in <c>schema_validation_regex_timeouts_total</c>.</summary>
    public bool RegexBudgetExceeded { get; }
}
