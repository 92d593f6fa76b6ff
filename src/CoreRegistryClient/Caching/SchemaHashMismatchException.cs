using System.Net;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>The registry served content whose hash is not the <c>sha256</c> it reported: an invalid response.</summary>
internal sealed class SchemaHashMismatchException(string name, string track, string version, string sha256)
    : RegistryException($"The registry's copy of schema '{name}' (track {track}, version {version}) does not match its sha256 {sha256}; it was refused.",
        RegistryErrorKind.InvalidResponse, HttpStatusCode.OK)
{
    public string Track { get; } = track;

    public string Version { get; } = version;

    public string Sha256 { get; } = sha256;
}
