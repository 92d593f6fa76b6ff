namespace CoreRegistryClient.Cli.Tests;

/// <summary>Test schemas and payloads.</summary>
internal static class Schemas
{
    public const string FeedbackV1 = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["coordinator_id", "level"],
          "properties": {
            "coordinator_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft", "hard"] },
            "queue_size": { "type": "integer", "minimum": 0 }
          }
        }
        """;

    /// <summary>Benign successor: an optional property added.</summary>
    public const string FeedbackV1OptionalAdded = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["coordinator_id", "level"],
          "properties": {
            "coordinator_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft", "hard"] },
            "queue_size": { "type": "integer", "minimum": 0 },
            "shard": { "type": "string" }
          }
        }
        """;

    /// <summary>Breaking successor: a required property added and an enum value removed.</summary>
    public const string FeedbackV1Breaking = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["coordinator_id", "level", "region"],
          "properties": {
            "coordinator_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft"] },
            "queue_size": { "type": "integer", "minimum": 0 },
            "region": { "type": "string" }
          }
        }
        """;

    public const string Bar = """{"type":"object","required":["open"],"properties":{"open":{"type":"number","exclusiveMinimum":0}}}""";

    public const string ValidFeedback = """{"coordinator_id":"c-1","level":"ok","queue_size":3}""";

    public const string InvalidFeedback = """{"coordinator_id":"c-1","level":"panic","queue_size":-1}""";
}
