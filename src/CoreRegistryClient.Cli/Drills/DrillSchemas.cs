namespace CoreRegistryClient.Cli.Drills;

/// <summary>The drill's own schema versions and golden payloads. Drills publish only under their own schema name,
/// so no service's real schema changes while one runs.</summary>
internal static class DrillSchemas
{
    public const string DefaultName = "drill.CoreRegistryDrill";

    public const string Baseline = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "description": "core-registry drill schema (baseline)",
          "type": "object",
          "required": ["drill_id", "level"],
          "properties": {
            "drill_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft", "hard"] },
            "queue_size": { "type": "integer", "minimum": 0 }
          }
        }
        """;

    /// <summary>Benign successor: an optional property added.</summary>
    public const string Benign = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "description": "core-registry drill schema (benign change: optional region)",
          "type": "object",
          "required": ["drill_id", "level"],
          "properties": {
            "drill_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft", "hard"] },
            "queue_size": { "type": "integer", "minimum": 0 },
            "region": { "type": "string" }
          }
        }
        """;

    /// <summary>Breaking successor: region required, enum value "hard" removed.</summary>
    public const string Breaking = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "description": "core-registry drill schema (breaking change: region required, level hard removed)",
          "type": "object",
          "required": ["drill_id", "level", "region"],
          "properties": {
            "drill_id": { "type": "string", "minLength": 1 },
            "level": { "enum": ["ok", "soft"] },
            "queue_size": { "type": "integer", "minimum": 0 },
            "region": { "type": "string" }
          }
        }
        """;

    /// <summary>Payloads valid against the baseline: what services send today.</summary>
    public static IReadOnlyList<string> GoldenValid { get; } =
    [
        """{"drill_id":"golden-1","level":"ok","queue_size":3}""",
        """{"drill_id":"golden-2","level":"hard"}""",
    ];

    /// <summary>A payload every version rejects: strict must keep rejecting it, even from cache during an outage.</summary>
    public const string GoldenInvalid = """{"drill_id":"","level":"panic","queue_size":-1}""";
}
