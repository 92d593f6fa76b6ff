namespace CoreRegistryClient.Registry;

/// <summary>The default observer: records nothing.</summary>
internal sealed class NullRegistryCallObserver : IRegistryCallObserver
{
    public static readonly NullRegistryCallObserver Instance = new();

    public void OnCompleted(string operation, int? statusCode, TimeSpan duration, RegistryErrorKind? error)
    {
    }
}
