using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis;

/// <summary>Checks <see cref="RedisSchemaNotificationOptions"/> at start-up; each failure names the setting.</summary>
internal sealed class RedisSchemaNotificationOptionsValidator(bool ownsConnection) : IValidateOptions<RedisSchemaNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisSchemaNotificationOptions options)
    {
        var failures = new List<string>();
        if (ownsConnection)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add("RedisSchemaNotificationOptions.ConnectionString is empty: give the Redis configuration string (e.g. 'redis:6379').");
            }
            else
            {
                try
                {
                    if (ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                    {
                        failures.Add("RedisSchemaNotificationOptions.ConnectionString names no endpoint (e.g. 'redis:6379').");
                    }
                }
                catch (ArgumentException exception)
                {
                    // The message names the bad key, never the value (which may hold a password).
                    failures.Add("RedisSchemaNotificationOptions.ConnectionString is not a StackExchange.Redis configuration string: " + exception.Message);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.Stream) && (string.IsNullOrWhiteSpace(options.Namespace) || options.Namespace.Any(char.IsWhiteSpace)))
        {
            failures.Add("RedisSchemaNotificationOptions.Namespace must be a non-empty name without whitespace (or set Stream).");
        }

        if (options.ReadInterval < TimeSpan.FromMilliseconds(10) || options.ReadInterval > TimeSpan.FromSeconds(60))
        {
            failures.Add("RedisSchemaNotificationOptions.ReadInterval must be between 10 ms and 60 s.");
        }

        if (options.MaxCatchUp is < 1 or > 100_000)
        {
            failures.Add("RedisSchemaNotificationOptions.MaxCatchUp must be between 1 and 100000.");
        }

        if (options.MaxEventBytes is < 256 or > 16 * 1024 * 1024)
        {
            failures.Add("RedisSchemaNotificationOptions.MaxEventBytes must be between 256 and 16777216.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
