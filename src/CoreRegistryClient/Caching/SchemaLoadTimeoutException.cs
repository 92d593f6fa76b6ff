using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>A load used up its time budget (<c>REGISTRY_TIMEOUT</c>) before the registry answered.</summary>
internal sealed class SchemaLoadTimeoutException(string name, TimeSpan budget, Exception? innerException)
    : RegistryException($"Loading schema '{name}' ran out of its {budget.TotalSeconds:0.###} s budget.", RegistryErrorKind.Timeout, null, innerException);
