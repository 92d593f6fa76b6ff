namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>The kind of one entry of an <see cref="InstanceTape"/>.</summary>
internal enum JsonTokenKind : byte
{
    None,
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}
