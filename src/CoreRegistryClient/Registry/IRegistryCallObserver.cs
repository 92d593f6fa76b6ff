namespace CoreRegistryClient.Registry;

/// <summary>Told about every completed registry call, so telemetry can record durations and errors without
/// the client knowing about meters.</summary>
/// <remarks>Called once per logical call (all retries and the <c>.schema</c> fallback included), on the calling
/// thread, after the outcome is known. Not called for calls the caller cancelled. Must not throw.</remarks>
internal interface IRegistryCallObserver
{
    /// <param name="operation">One of the <see cref="RegistryOperation"/> names.</param>
    /// <param name="statusCode">The last HTTP status received, or null when no response arrived.</param>
    /// <param name="duration">Wall time of the whole call.</param>
    /// <param name="error">Null on success, otherwise what went wrong.</param>
    void OnCompleted(string operation, int? statusCode, TimeSpan duration, RegistryErrorKind? error);
}
