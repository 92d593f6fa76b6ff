namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>The schemas and payloads of the go-live drills: a feedback event, a benign change (an optional field
/// added) and a breaking change (a required field renamed).</summary>
internal static class TestSchemas
{
    public const string Name = "telemetry.FeedbackEvent";

    public const string FeedbackEvent = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "properties":{"coordinator_id":{"type":"string","minLength":1},"queue_size":{"type":"integer","minimum":0},"level":{"enum":["ok","soft","hard"]}},
         "required":["coordinator_id","queue_size","level"]}
        """;

    /// <summary>v1.1: an optional <c>region</c> added. Every v1.0 payload still passes.</summary>
    public const string FeedbackEventWithOptionalRegion = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "properties":{"coordinator_id":{"type":"string","minLength":1},"queue_size":{"type":"integer","minimum":0},"level":{"enum":["ok","soft","hard"]},"region":{"type":"string"}},
         "required":["coordinator_id","queue_size","level"]}
        """;

    /// <summary>v2.0: <c>coordinator_id</c> renamed to <c>coordinator</c>, still required. v1.0 payloads now fail.</summary>
    public const string FeedbackEventRenamedRequired = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "properties":{"coordinator":{"type":"string","minLength":1},"queue_size":{"type":"integer","minimum":0},"level":{"enum":["ok","soft","hard"]}},
         "required":["coordinator","queue_size","level"]}
        """;

    public const string ValidPayload = """{"coordinator_id":"store_01","queue_size":500,"level":"soft"}""";

    /// <summary>Invalid: <c>queue_size</c> negative and <c>level</c> outside the enum; carries a recognisable secret value.</summary>
    public const string InvalidPayload = """{"coordinator_id":"store_01","queue_size":-3,"level":"SECRET-VALUE-7731"}""";

    public const string SecretValue = "SECRET-VALUE-7731";

    public static byte[] Utf8(string json) => System.Text.Encoding.UTF8.GetBytes(json);
}
