using System.Runtime.InteropServices;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>One value (or property name) of a parsed instance, laid out flat so subtrees are index ranges. Sixteen
/// bytes: a scalar's byte length and a container's member count share one slot (neither kind needs the other).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct JsonToken
{
    /// <summary>Byte offset of the value; for strings and names, of the first byte after the opening quote.</summary>
    [FieldOffset(0)]
    public int Start;

    /// <summary>Scalars and names: byte length; for strings and names, without the quotes (still escaped).</summary>
    [FieldOffset(4)]
    public int Length;

    /// <summary>Containers: number of items or properties.</summary>
    [FieldOffset(4)]
    public int Count;

    /// <summary>Index of the first token after this value's subtree (for property names: the value's index).</summary>
    [FieldOffset(8)]
    public int End;

    [FieldOffset(12)]
    public JsonTokenKind Kind;

    /// <summary>Strings and names: whether the raw bytes contain escape sequences.</summary>
    [FieldOffset(13)]
    public bool Escaped;

    /// <summary>Numbers from the instance scanner: written without a fraction or an exponent, so an integer (the
    /// <c>integer</c> type needs no second look at the bytes). False says nothing: other tapes leave it unset.</summary>
    [FieldOffset(14)]
    public bool IntegerSyntax;
}
