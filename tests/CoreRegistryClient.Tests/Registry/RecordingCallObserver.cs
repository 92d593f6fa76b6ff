using System.Collections.Concurrent;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Registry;

internal sealed class RecordingCallObserver : IRegistryCallObserver
{
    private readonly ConcurrentQueue<ObservedCall> _calls = new();

    public IReadOnlyList<ObservedCall> Calls => [.. _calls];

    public void OnCompleted(string operation, int? statusCode, TimeSpan duration, RegistryErrorKind? error) =>
        _calls.Enqueue(new ObservedCall(operation, statusCode, duration, error));
}

internal sealed record ObservedCall(string Operation, int? StatusCode, TimeSpan Duration, RegistryErrorKind? Error);
