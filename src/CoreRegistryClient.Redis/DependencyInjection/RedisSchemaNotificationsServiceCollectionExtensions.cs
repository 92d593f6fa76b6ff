using CoreRegistryClient.Notifications;
using CoreRegistryClient.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <c>schema.published</c> push invalidation over Redis Streams, beside <c>AddSchemaEnforcement</c>.</summary>
public static class RedisSchemaNotificationsServiceCollectionExtensions
{
    /// <summary>Reads <c>schema.published</c> events from Redis with a connection of its own, opened from
    /// <paramref name="connectionString"/> (a StackExchange.Redis configuration string), and refreshes each published schema
    /// this replica uses at once. Index polling stays on as the safety net. Options are validated at start-up; a Redis
    /// that is down at start-up delays nothing.</summary>
    /// <param name="services">The services, with <c>AddSchemaEnforcement</c> added.</param>
    /// <param name="connectionString">E.g. <c>redis:6379</c> or <c>redis:6379,password=…,ssl=true</c>.</param>
    /// <param name="configure">Changes the stream, namespace or limits.</param>
    public static IServiceCollection AddRedisSchemaNotifications(this IServiceCollection services, string connectionString,
        Action<RedisSchemaNotificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<RedisSchemaNotificationOptions>(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        return services.AddCore(borrowed: null);
    }

    /// <summary>As the connection-string overload, reading with the host's <see cref="IConnectionMultiplexer"/> from DI
    /// (which stays the host's: it is not closed here). Reads never block it.</summary>
    /// <param name="services">The services, with <c>AddSchemaEnforcement</c> and an <see cref="IConnectionMultiplexer"/> added.</param>
    /// <param name="configure">Changes the stream, namespace or limits.</param>
    public static IServiceCollection AddRedisSchemaNotifications(this IServiceCollection services, Action<RedisSchemaNotificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<RedisSchemaNotificationOptions>(options => configure?.Invoke(options));
        return services.AddCore(borrowed: sp => sp.GetRequiredService<IConnectionMultiplexer>());
    }

    private static IServiceCollection AddCore(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer>? borrowed)
    {
        services.AddOptions<RedisSchemaNotificationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSchemaNotificationOptions>>(new RedisSchemaNotificationOptionsValidator(ownsConnection: borrowed is null)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RedisNotificationConnection(borrowed, sp));
        services.TryAddSingleton(sp => new RedisSchemaNotificationListener(sp.GetRequiredService<RedisNotificationConnection>(),
            sp.GetRequiredService<IOptions<RedisSchemaNotificationOptions>>(), sp.GetRequiredService<ISchemaNotifications>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<RedisSchemaNotificationListener>() ?? NullLogger<RedisSchemaNotificationListener>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisSchemaNotificationListener>(sp => sp.GetRequiredService<RedisSchemaNotificationListener>()));
        return services;
    }
}
