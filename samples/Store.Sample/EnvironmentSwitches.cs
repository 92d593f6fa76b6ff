namespace CoreRegistryClient.Samples.Store;

/// <summary>Reads the store checklist's environment switches; a value that is not one of the documented ones is a
/// usage error named after its variable, never silently ignored.</summary>
internal static class EnvironmentSwitches
{
    /// <summary><c>true|false|1|0</c> (any case); null when unset.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static bool? Flag(string? value, string variable) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new ArgumentException($"{variable}={value} is not true or false."),
    };

    /// <summary><c>inmem</c> (the sample's <c>memory</c> bus) or <c>redis</c>; null when unset.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static string? Bus(string? value, string variable) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "inmem" or "memory" => "memory",
        "redis" => "redis",
        _ => throw new ArgumentException($"{variable}={value} is not inmem or redis."),
    };
}
