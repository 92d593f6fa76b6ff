namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>Checks <see cref="HttpValidationOptions"/> at start-up and on every reload; messages name the key.</summary>
internal static class HttpValidationOptionsValidator
{
    public static List<string> Validate(HttpValidationOptions options)
    {
        var failures = new List<string>(options.ConfigurationErrors);
        const string Section = HttpValidationOptions.SectionName;
        if (options.Mode is { } mode && !Enum.IsDefined(mode)) failures.Add($"{Section}:Mode must be 'off', 'warn' or 'enforce'.");
        if (!Enum.IsDefined(options.MaxMode)) failures.Add($"{Section}:MaxMode must be 'off', 'warn' or 'enforce'.");
        if (options.CanaryPercent is { } canary && !(canary is >= 0 and <= 100)) failures.Add($"{Section}:CanaryPercent must be between 0 and 100.");
        if (options.MaxBodySize < 1) failures.Add($"{Section}:MaxBodySize must be at least 1 byte.");
        if (options.MaxBodySize > Array.MaxLength) failures.Add($"{Section}:MaxBodySize must be at most {Array.MaxLength} bytes (the body is buffered in memory).");
        if (options.MaxErrors is < 1 or > 10_000) failures.Add($"{Section}:MaxErrors must be between 1 and 10000.");
        foreach (var (key, endpoint) in options.Endpoints)
        {
            if (endpoint.Mode is { } endpointMode && !Enum.IsDefined(endpointMode)) failures.Add($"{Section}:Endpoints:{key}:Mode must be 'off', 'warn' or 'enforce'.");
            if (endpoint.CanaryPercent is { } percent && !(percent is >= 0 and <= 100)) failures.Add($"{Section}:Endpoints:{key}:CanaryPercent must be between 0 and 100.");
            if (endpoint.MaxBodySize is { } size && (size < 1 || size > Array.MaxLength)) failures.Add($"{Section}:Endpoints:{key}:MaxBodySize must be between 1 and {Array.MaxLength} bytes.");
        }

        return failures;
    }
}
