namespace CoreRegistryClient.Samples.Hosting;

/// <summary>The help texts of the common options whose meaning differs between the samples.</summary>
internal sealed record CommonOptionDescriptions(string Namespace, string Mode, string Count, string Port, string Listen, string Verbose);
