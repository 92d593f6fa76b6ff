using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema;

/// <summary>A compiled schema: immutable, thread-safe, validates many instances.</summary>
public sealed class JsonSchemaValidator
{
    private static readonly ValidationResult s_invalidFlag = new(false, [], InputErrorKind.None, -1, null);
    private static readonly ValidationResult s_invalidFlagOutOfBudget = new(false, [], InputErrorKind.None, -1, null, regexBudgetExceeded: true);

    private readonly SchemaNode _root;
    private readonly ValidatorSettings _settings;
    private readonly int _maxDepth;

    internal JsonSchemaValidator(SchemaNode root, ValidatorSettings settings, SchemaDraft draft, Uri baseUri, JsonSchemaOptions options, IReadOnlyList<SchemaDiagnostic> diagnostics)
    {
        _root = root;
        _settings = settings;
        Draft = draft;
        BaseUri = baseUri;
        _maxDepth = options.MaxDepth;
        Diagnostics = diagnostics;
    }

    /// <summary>Compiles schema JSON text with a fresh compiler (no registered documents).</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid, or unresolvable.</exception>
    public static JsonSchemaValidator Parse(string json, JsonSchemaOptions? options = null) => new JsonSchemaCompiler(options).Compile(json);

    /// <summary>Compiles schema UTF-8 JSON bytes with a fresh compiler (no registered documents).</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid, or unresolvable.</exception>
    public static JsonSchemaValidator Parse(ReadOnlySpan<byte> utf8Json, JsonSchemaOptions? options = null) => new JsonSchemaCompiler(options).Compile(utf8Json);

    /// <summary>Whether evaluation keeps the dynamic scope (some <c>$dynamicRef</c>/<c>$recursiveRef</c> still depends
    /// on it after compilation).</summary>
    internal bool TracksDynamicScope => _settings.TrackScope;

    /// <summary>The draft the schema was compiled under.</summary>
    public SchemaDraft Draft { get; }

    /// <summary>The schema's canonical base URI (its <c>$id</c>, or the retrieval URI, or a generated one).</summary>
    public Uri BaseUri { get; }

    /// <summary>What compilation noticed about the schema without refusing it, such as patterns that need the
    /// backtracking regex engine or can backtrack catastrophically (empty for most schemas).</summary>
    public IReadOnlyList<SchemaDiagnostic> Diagnostics { get; }

    /// <summary>Whether the UTF-8 JSON instance is valid (flag output; malformed input, and an evaluation stopped at a
    /// limit, are invalid). Allocates nothing for valid input.</summary>
    public bool IsValid(ReadOnlySpan<byte> utf8Json)
    {
        var state = EvaluationState.Rent();
        try
        {
            if (state.Parse(utf8Json, _maxDepth, out _, out _) != InputErrorKind.None)
            {
                return false;
            }

            state.Begin(_settings);
            var ctx = new EvaluationContext(utf8Json, state, _settings, collect: false);
            return _root.Evaluate(ref ctx, 0) && state.Limit == InputErrorKind.None;
        }
        finally
        {
            EvaluationState.Return(state);
        }
    }

    /// <summary>Whether the UTF-8 JSON instance is valid (flag output; malformed input is invalid).</summary>
    public bool IsValid(ReadOnlyMemory<byte> utf8Json) => IsValid(utf8Json.Span);

    /// <summary>Whether the UTF-8 JSON instance is valid (flag output; malformed input is invalid).</summary>
    public bool IsValid(byte[] utf8Json) => IsValid(new ReadOnlySpan<byte>(utf8Json));

    /// <summary>Whether the instance is valid (flag output).</summary>
    public bool IsValid(JsonElement instance) => IsValid(JsonMarshal.GetRawUtf8Value(instance));

    /// <summary>Whether the JSON text instance is valid (flag output; malformed input is invalid).</summary>
    public bool IsValid(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(json, buffer);
            return IsValid(buffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Validates a UTF-8 JSON instance. Malformed JSON, invalid UTF-8, over-deep nesting and an evaluation
    /// stopped at a limit come back as a result with <see cref="ValidationResult.InputError"/> set, never as an
    /// exception.</summary>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json, OutputFormat format = OutputFormat.List)
        => Validate(utf8Json, format, _maxDepth);

    /// <summary>Validates with an instance depth limit other than the options' (meta-validation of deep schemas).</summary>
    internal ValidationResult Validate(ReadOnlySpan<byte> utf8Json, OutputFormat format, int maxDepth)
    {
        var state = EvaluationState.Rent();
        try
        {
            var inputError = state.Parse(utf8Json, maxDepth, out var position, out var message);
            if (inputError != InputErrorKind.None)
            {
                return new ValidationResult(false, [], inputError, position, message);
            }

            state.Begin(_settings);
            var ctx = new EvaluationContext(utf8Json, state, _settings, collect: format == OutputFormat.List);
            var valid = _root.Evaluate(ref ctx, 0);
            if (state.Limit != InputErrorKind.None)
            {
                return LimitReached(state);
            }

            if (valid)
            {
                return state.RegexBudgetExceeded ? new ValidationResult(true, [], InputErrorKind.None, -1, null, regexBudgetExceeded: true) : ValidationResult.Valid;
            }

            if (format == OutputFormat.Flag)
            {
                return state.RegexBudgetExceeded ? s_invalidFlagOutOfBudget : s_invalidFlag;
            }

            if (format == OutputFormat.ListIfInvalid)
            {
                // The same parsed instance and what is left of the same regex budget: an invalid payload pays for
                // its slow patterns once.
                var list = new EvaluationContext(utf8Json, state, _settings, collect: true);
                _root.Evaluate(ref list, 0);
                if (state.Limit != InputErrorKind.None)
                {
                    return LimitReached(state);
                }
            }

            return new ValidationResult(false, state.TakeErrors(), InputErrorKind.None, -1, null, state.RegexBudgetExceeded);
        }
        finally
        {
            EvaluationState.Return(state);
        }
    }

    private ValidationResult LimitReached(EvaluationState state)
    {
        var position = state.Tape[state.LimitToken].Start;
        var message = state.Limit == InputErrorKind.ReferenceDepthExceeded
            ? string.Create(CultureInfo.InvariantCulture,
                $"Evaluation nested more than {_settings.MaxRefDepth} references (the limit; JsonSchemaOptions.{nameof(JsonSchemaOptions.MaxReferenceDepth)}), or more than the thread's stack holds, at the value at byte {position}.")
            : string.Create(CultureInfo.InvariantCulture,
                $"The instance nests deeper than this thread's stack can evaluate (at the value at byte {position}); lower JsonSchemaOptions.{nameof(JsonSchemaOptions.MaxDepth)}.");
        return new ValidationResult(false, [], state.Limit, position, message, state.RegexBudgetExceeded);
    }

    /// <summary>Validates a UTF-8 JSON instance (see <see cref="Validate(ReadOnlySpan{byte}, OutputFormat)"/>).</summary>
    public ValidationResult Validate(ReadOnlyMemory<byte> utf8Json, OutputFormat format = OutputFormat.List) => Validate(utf8Json.Span, format);

    /// <summary>Validates a UTF-8 JSON instance (see <see cref="Validate(ReadOnlySpan{byte}, OutputFormat)"/>).</summary>
    public ValidationResult Validate(byte[] utf8Json, OutputFormat format = OutputFormat.List) => Validate(new ReadOnlySpan<byte>(utf8Json), format);

    /// <summary>Validates an instance held as a <see cref="JsonElement"/>.</summary>
    public ValidationResult Validate(JsonElement instance, OutputFormat format = OutputFormat.List)
        => Validate(JsonMarshal.GetRawUtf8Value(instance), format);

    /// <summary>Validates a JSON text instance.</summary>
    public ValidationResult Validate(string json, OutputFormat format = OutputFormat.List)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(json, buffer);
            return Validate(buffer.AsSpan(0, n), format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
