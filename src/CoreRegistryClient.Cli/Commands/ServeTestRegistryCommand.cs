using System.CommandLine;
using System.Net.Sockets;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Connections;
using Spectre.Console;
using StackExchange.Redis;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>serve-test-registry</c>: a standalone loopback registry (the one the tests use) serving a schema
/// folder, to try the other commands, a sample or a drill against. Runs until Ctrl+C.</summary>
internal static class ServeTestRegistryCommand
{
    public const int DefaultPort = 8080;

    public static Command Create(CliContext context, CommonOptions common)
    {
        var schemas = new Option<DirectoryInfo?>("--schemas")
        {
            Description = "A schema folder: {track}/{name}.json (version 1.0.0) and {track}/{name}@{version}.json, optional {track}/{name}.deprecated [default: an empty registry]",
            HelpName = "dir",
        };
        var port = NumberOptions.Whole("--port", "a TCP port number", DefaultPort);
        port.Description = "TCP port on 127.0.0.1; 0 picks a free one";
        port.HelpName = "port";
        var keepAlive = NumberOptions.Whole("--keep-alive", "a number of seconds", 0);
        keepAlive.Description = "Close a connection after this many idle seconds, as a registry behind a proxy with a short keep-alive does [default: 130]";
        keepAlive.HelpName = "seconds";
        var pathPrefix = new Option<string?>("--path-prefix") { Description = "Serve the API below this path, e.g. /api/v1 [default: at the root]", HelpName = "path" };
        var redis = new Option<string?>("--redis")
        {
            Description = $"Emit schema.published on {SchemaPublishedEvents.StreamName()} of this Redis (a StackExchange.Redis configuration string, e.g. localhost:6379) for every schema published through POST /admin/schemas [default: no events]",
            HelpName = "config",
        };

        var command = new Command("serve-test-registry", "Start a loopback registry on 127.0.0.1 serving a schema folder, to try commands against (Ctrl+C stops it; admin endpoints need --token when one is set)")
        {
            schemas, port, pathPrefix, redis, keepAlive,
        };
        common.DescribeTrack(command, "Not used: the folder's sub-folders are the tracks");
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                throw new UsageException($"--port must be between 0 and 65535, not {portNumber}.");
            }

            var keepAliveSeconds = parse.GetValue(keepAlive);
            if (keepAliveSeconds < 0)
            {
                throw new UsageException($"--keep-alive must be a number of seconds above 0, not {keepAliveSeconds}.");
            }

            var folder = parse.GetValue(schemas);
            if (folder is { Exists: false })
            {
                throw new UsageException($"The schema folder '{folder.FullName}' does not exist.");
            }

            var token = common.ResolveToken(parse);
            // Closed when the registry stops (nothing to close without --redis).
            var bus = parse.GetValue(redis) is { } configuration ? await ConnectAsync(configuration).ConfigureAwait(false) : null;
            await using var busScope = ((IAsyncDisposable?)bus ?? NoBus.Instance).ConfigureAwait(false);
            LoopbackRegistryServer server;
            try
            {
                server = await LoopbackRegistryServer.StartAsync(
                    new LoopbackRegistryServerOptions
                    {
                        SchemaDirectory = folder?.FullName, Port = portNumber, PathPrefix = parse.GetValue(pathPrefix), Token = token,
                        KeepAliveTimeout = keepAliveSeconds == 0 ? null : TimeSpan.FromSeconds(keepAliveSeconds),
                        SchemaPublished = bus is null ? null : (schema, _) => SchemaPublishedEvents.PublishAsync(bus.GetDatabase(), SchemaPublishedEvents.StreamName(), schema),
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsAddressInUse(ex))
            {
                throw new UsageException($"Port {portNumber} on 127.0.0.1 is already in use: pick another with --port (0 picks a free one).", ex);
            }

            await using (server.ConfigureAwait(false))
            {
                var index = await server.Registry.GetIndexAsync(cancellationToken).ConfigureAwait(false);
                var url = server.BaseUri.ToString();
                context.Output.Line(Markup.Escape($"Test registry listening on {url} ({index.Tracks.Sum(t => t.Value.Schemas.Count)} schema(s) in {index.Tracks.Count} track(s){(folder is null ? "" : $" from {folder.FullName}")}; admin endpoints {(token is null ? "open" : "need the token")})."));
                if (bus is not null) context.Output.Line(Markup.Escape($"Publishing schema.published to {SchemaPublishedEvents.StreamName()} on {string.Join(",", bus.GetEndPoints().Select(e => e.ToString()))}."));
                context.Output.Line(Markup.Escape($"Try: REGISTRY_URL={url} core-registry index    (Ctrl+C stops the registry)"));
                await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C is how this command ends.
                }
            }

            context.Output.Line("Test registry stopped.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressInUseException || ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Connects to the Redis the events go to; a bad configuration string is a usage error (its text is never echoed: it may hold a password).</summary>
    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--redis is not a StackExchange.Redis configuration string (e.g. localhost:6379).", ex);
        }

        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
    }

    private sealed class NoBus : IAsyncDisposable
    {
        public static readonly NoBus Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
