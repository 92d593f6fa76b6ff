namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Which stream, consumer group and consumer (within the group) a read or acknowledgement is for.</summary>
internal sealed record ConsumerIdentity(string Stream, string Group, string Name);
