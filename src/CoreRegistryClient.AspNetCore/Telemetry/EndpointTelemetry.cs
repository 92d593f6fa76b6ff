using CoreRegistryClient.AspNetCore.Validation;

namespace CoreRegistryClient.AspNetCore.Telemetry;

/// <summary>One endpoint's metric tags, built once so a request records without allocating them.</summary>
internal sealed class EndpointTelemetry
{
    private readonly KeyValuePair<string, object?>[] _outcomes;

    public EndpointTelemetry(string label)
    {
        Label = label;
        Tag = new("endpoint", label);
        _outcomes = [.. Enum.GetValues<HttpValidationResult>().Select(r => new KeyValuePair<string, object?>("outcome", HttpValidationResults.Label(r)))];
    }

    /// <summary>The <c>endpoint</c> label: the route template.</summary>
    public string Label { get; }

    public KeyValuePair<string, object?> Tag { get; }

    public KeyValuePair<string, object?> OutcomeTag(HttpValidationResult result) => _outcomes[(int)result];
}
