using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Testing;

/// <summary>How a <see cref="LoopbackRegistryServer"/> starts.</summary>
public sealed class LoopbackRegistryServerOptions
{
    /// <summary>The registry to serve. Default: a new empty <see cref="InMemorySchemaRegistry"/>.</summary>
    public InMemorySchemaRegistry? Registry { get; set; }

    /// <summary>A schema folder to load into the registry at start (layout in
    /// <see cref="InMemorySchemaRegistry.LoadDirectory"/>). Default: none.</summary>
    public string? SchemaDirectory { get; set; }

    /// <summary>A path prefix the API lives under, e.g. <c>/api/v1</c>; <see cref="LoopbackRegistryServer.BaseUri"/>
    /// includes it. Default: none (the API at the root).</summary>
    public string? PathPrefix { get; set; }

    /// <summary>When set, the admin endpoints (<c>POST /admin/...</c>) require <c>Authorization: Bearer</c> with this
    /// token (401 without it, 403 with another). Reads never need it. Default: none (admin endpoints are open).</summary>
    public string? Token { get; set; }

    /// <summary>Whether <c>GET /index</c> carries a strong <c>ETag</c> (the SHA-256 of the body) and answers a matching
    /// <c>If-None-Match</c> with <c>304 Not Modified</c>. Set false to serve as a registry without entity tags does.
    /// Default: true.</summary>
    public bool IndexETags { get; set; } = true;

    /// <summary>Called after a schema published through <c>POST /admin/schemas</c> is stored (the index already lists
    /// it), before the <c>201</c> is sent, with the stored version: the hook a test or sample uses to emit
    /// <c>schema.published</c> on a bus, e.g. <c>SchemaPublishedEvents.PublishAsync</c> of <c>CoreRegistryClient.Redis</c>
    /// (this package takes no bus dependency). When it throws, the schema stays stored and the request is answered
    /// <c>500</c>, as a registry whose event bus failed would. Default: none.</summary>
    public Func<RegistrySchema, CancellationToken, Task>? SchemaPublished { get; set; }

    /// <summary>How long the server keeps an idle connection open before closing it (Kestrel's keep-alive timeout,
    /// checked about once a second), as a registry behind a proxy with a short keep-alive does: the fault a client's
    /// connection keeping is tested against. Default: null, Kestrel's default (130 s).</summary>
    public TimeSpan? KeepAliveTimeout { get; set; }

    /// <summary>The TCP port on 127.0.0.1. Default: 0, an ephemeral port chosen by the OS (use this in tests).</summary>
    public int Port { get; set; }
}
