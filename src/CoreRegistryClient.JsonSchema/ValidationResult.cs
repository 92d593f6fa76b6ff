namespace CoreRegistryClient.JsonSchema;

/// <summary>The outcome of validating one instance.</summary>
/// <remarks>A valid flag-mode result is a shared instance: validating a valid payload allocates nothing.</remarks>
public sealed class ValidationResult
{
    /// <summary>The shared result for a valid instance.</summary>
    public static ValidationResult Valid { get; } = new(true, [], InputErrorKind.None, -1, null);

    internal ValidationResult(bool isValid, IReadOnlyList<ValidationError> errors, InputErrorKind inputError, long bytePosition, string? inputErrorMessage, bool regexBudgetExceeded = false)
    {
        RegexBudgetExceeded = regexBudgetExceeded;
        IsValid = isValid;
        Errors = errors;
        InputError = inputError;
        BytePosition = bytePosition;
        InputErrorMessage = inputErrorMessage;
    }

    /// <summary>Whether the instance is valid against the schema.</summary>
    public bool IsValid { get; }

    /// <summary>The failed assertions (empty when valid, or in flag mode).</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Set when the instance could not be read (malformed JSON, invalid UTF-8, too deep) or evaluation stopped
    /// at a limit (<see cref="InputErrorKind.ReferenceDepthExceeded"/>).</summary>
    public InputErrorKind InputError { get; }

    /// <summary>The byte offset of the input error, or -1.</summary>
    public long BytePosition { get; }

    /// <summary>Whether some backtracking pattern could not be matched within <see cref="JsonSchemaOptions.RegexBudget"/>
    /// (it counted as not matching): worth a metric, as it means a hostile or pathological pattern or input.</summary>
    public bool RegexBudgetExceeded { get; }

    /// <summary>A description of the input error, or <see langword="null"/>.</summary>
    public string? InputErrorMessage { get; }
}
