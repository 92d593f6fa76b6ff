namespace CoreRegistryClient.Cli.Validation;

/// <summary>One payload to validate: where it came from (file, or file:line for JSON Lines) and its bytes.</summary>
internal sealed record Payload(string Source, byte[] Utf8Json);
