namespace CoreRegistryClient.Samples.Messaging;

/// <summary>The stream and field names of the platform's wire format. Other services already read and
/// write these; changing one is a breaking change for them.</summary>
internal static class StreamNames
{
    /// <summary>Namespace prefix of every stream unless configured otherwise.</summary>
    public const string DefaultNamespace = "mdp";

    /// <summary>The consumer group the pipeline reads feedback with.</summary>
    public const string PipelineGroup = "pipeline";

    /// <summary>The one field of a message entry, holding the envelope JSON.</summary>
    public const string DataField = CoreRegistryClient.Redis.MessageEnvelope.DataField;

    /// <summary>Dead-letter entry field: the id the message had in its source stream.</summary>
    public const string OriginalIdField = "original_id";

    /// <summary>Dead-letter entry field: why it was dead-lettered.</summary>
    public const string ReasonField = "reason";

    private const string DoneSuffix = ":done";

    /// <summary><c>{ns}:telemetry.feedback</c>: FeedbackEvents published by stores.</summary>
    public static string Feedback(string ns = DefaultNamespace) => $"{Validate(ns)}:telemetry.feedback";

    /// <summary><c>{ns}:telemetry.schema_drift</c>: drift events published by the drift reporter.</summary>
    public static string SchemaDrift(string ns = DefaultNamespace) => $"{Validate(ns)}:telemetry.schema_drift";

    /// <summary><c>{stream}.dlq</c>: where messages of <paramref name="stream"/> that cannot be processed go.</summary>
    public static string DeadLetter(string stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return stream + ".dlq";
    }

    /// <summary><c>{stream}:{group}:done:{key}</c>: the in-memory bus's name for the marker that <paramref name="group"/>
    /// completed the envelope <paramref name="key"/> of <paramref name="stream"/>; it expires after the idempotency window.</summary>
    public static string Completion(string stream, string group, string key) => $"{stream}:{group}{DoneSuffix}:{key}";

    /// <summary><c>{stream}:{group}:done</c>: prefix of the Redis hashes <c>{prefix}:{window ms}:{bucket}</c> that hold
    /// <paramref name="group"/>'s completion markers for <paramref name="stream"/> (field: envelope key, value:
    /// <c>p</c> processed or <c>d</c> dead-lettered), one hash per idempotency window.</summary>
    public static string CompletionMarkers(string stream, string group) => $"{stream}:{group}{DoneSuffix}";

    private static string Validate(string ns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        return ns;
    }
}
