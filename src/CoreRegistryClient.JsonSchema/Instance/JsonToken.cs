using System.Runtime.InteropServices;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>One value (or property name) of a parsed instance, laid out flat so subtrees are index ranges.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JsonToken
{
    /// <summary>Byte offset of the value; for strings and names, of the first byte after the opening quote.</summary>
    public int Start;

    /// <summary>Byte length; for strings and names, without the quotes (still escaped).</summary>
    public int Length;

    /// <summary>Index of the first token after this value's subtree (for property names: the value's index).</summary>
    public int End;

    /// <summary>Containers: number of items or properties.</summary>
    public int Count;

    public JsonTokenKind Kind;

    /// <summary>Strings and names: whether the raw bytes contain escape sequences.</summary>
    public bool Escaped;
}
