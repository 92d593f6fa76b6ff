namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>Endpoint metadata saying that the endpoint's request delegate already runs validation.</summary>
internal sealed class ValidationPipelineMarker
{
    public static readonly ValidationPipelineMarker Instance = new();

    private ValidationPipelineMarker() { }
}
