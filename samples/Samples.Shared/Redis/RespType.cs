using System.Diagnostics.CodeAnalysis;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>The RESP2 reply types, named after their first byte on the wire.</summary>
public enum RespType
{
    /// <summary><c>+OK\r\n</c></summary>
    SimpleString,

    /// <summary><c>-ERR message\r\n</c></summary>
    Error,

    /// <summary><c>:42\r\n</c></summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "RESP's own name for the reply type.")]
    Integer,

    /// <summary><c>$5\r\nhello\r\n</c>, or <c>$-1\r\n</c> for a null bulk string.</summary>
    BulkString,

    /// <summary><c>*2\r\n...</c>, or <c>*-1\r\n</c> for a null array.</summary>
    Array,
}
