using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>The mutable working memory of one validation: the parsed instance, annotation frames, the dynamic
/// scope and scratch buffers. Pooled per thread so a valid validation allocates nothing.</summary>
internal sealed class EvaluationState
{
    // Buffers grown by one huge payload are not kept per thread beyond these sizes.
    internal const int MaxRetainedChars = 1 << 16;
    private const int MaxRetainedErrors = 1 << 10;

    [ThreadStatic]
    private static EvaluationState? s_cached;

    private JsonToken[] _tape = [];
    private int[] _containers = new int[32];
    private char[] _chars = new char[256];
    private ulong[] _bits = new ulong[64];
    private AnnotationFrame[] _frames = new AnnotationFrame[16];
    private SchemaResource[] _scope = new SchemaResource[16];
    private RefStep[] _refs = new RefStep[16];
    private readonly InstancePointers _pointers = new();
    private bool _pointersUsed;

    // The root property name token the last root pointer lookup stopped at (0: none yet in this validation).
    private int _rootResume;
    private ValidationError[] _errors = new ValidationError[8];
    private (Keyword Reference, int Token)[] _cycleGuards = new (Keyword, int)[8];
    private int _cycleGuardCount;
    private long _regexTicksLeft;
    private System.Text.StringBuilder? _builder;

    public JsonToken[] Tape => _tape;

    private int _topOffset;

    public int FrameCount { get; private set; }

    /// <summary>The instance token whose evaluated children are being recorded, or -1.</summary>
    public int TrackedToken { get; private set; } = -1;

    public int ScopeCount { get; private set; }

    public int RefCount { get; private set; }

    public int RefDepth { get; set; }

    /// <summary>How many errors are recorded (list output).</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Records an error in a buffer pooled with the state, so a result takes a right-sized copy
    /// (<see cref="TakeErrors"/>) instead of a list grown for it. An array of the sealed error type, not a
    /// <c>List</c>: storing into it needs no run-time type check.</summary>
    public void AddError(ValidationError error)
    {
        if (ErrorCount == _errors.Length)
        {
            Array.Resize(ref _errors, ErrorCount * 2);
        }

        _errors[ErrorCount++] = error;
    }

    /// <summary>The recorded errors as an array of their own (empty when none).</summary>
    public ValidationError[] TakeErrors()
    {
        if (ErrorCount == 0)
        {
            return [];
        }

        var errors = new ValidationError[ErrorCount];
        _errors.AsSpan(0, ErrorCount).CopyTo(errors);
        return errors;
    }

    /// <summary>How deep the parsed instance nests.</summary>
    public int InstanceDepth { get; private set; }

    /// <summary>The limit that stopped evaluation (<see cref="InputErrorKind.None"/> while none has).</summary>
    public InputErrorKind Limit { get; private set; }

    /// <summary>The instance token evaluation was at when <see cref="Limit"/> stopped it.</summary>
    public int LimitToken { get; private set; }

    /// <summary>Whether a backtracking pattern ran out of the validation's regex budget.</summary>
    public bool RegexBudgetExceeded { get; set; }

    /// <summary>Stopwatch ticks left of the regex budget for this validation (<see cref="long.MaxValue"/>: unlimited).</summary>
    public ref long RegexTicksLeft => ref _regexTicksLeft;

    public static EvaluationState Rent()
    {
        var state = s_cached;
        if (state is null)
        {
            return new EvaluationState();
        }

        s_cached = null;
        return state;
    }

    public static void Return(EvaluationState state)
    {
        state.Reset();
        s_cached = state;
    }

    public InputErrorKind Parse(ReadOnlySpan<byte> json, int maxDepth, out long errorPosition, out string? errorMessage)
    {
        var error = InstanceTape.Parse(json, ref _tape, ref _containers, maxDepth, out _, out var depth, out errorPosition, out errorMessage);
        InstanceDepth = depth;
        return error;
    }

    /// <summary>Starts one evaluation pass budget: no limit hit yet, the whole regex budget (it is shared by the
    /// flag and list passes of one validation, so call once per validation).</summary>
    public void Begin(ValidatorSettings settings)
    {
        Limit = InputErrorKind.None;
        RegexBudgetExceeded = false;
        _rootResume = 0;
        _regexTicksLeft = settings.RegexBudgetTicks;
    }

    /// <summary>Stops evaluation at a limit; returns false so keywords can <c>return state.HitLimit(...)</c>.</summary>
    public bool HitLimit(InputErrorKind limit, int token)
    {
        if (Limit == InputErrorKind.None)
        {
            Limit = limit;
            LimitToken = token;
        }

        return false;
    }

    /// <summary>Whether <paramref name="reference"/> is already being followed at <paramref name="token"/>: the
    /// cycle it lies on came back without consuming the instance.</summary>
    public bool IsOnCycle(Keyword reference, int token)
    {
        for (var i = _cycleGuardCount - 1; i >= 0; i--)
        {
            ref var guard = ref _cycleGuards[i];
            if (guard.Token == token && ReferenceEquals(guard.Reference, reference))
            {
                return true;
            }
        }

        return false;
    }

    public void PushCycleGuard(Keyword reference, int token)
    {
        if (_cycleGuardCount == _cycleGuards.Length)
        {
            Array.Resize(ref _cycleGuards, _cycleGuards.Length * 2);
        }

        _cycleGuards[_cycleGuardCount++] = (reference, token);
    }

    public void PopCycleGuard() => _cycleGuards[--_cycleGuardCount] = default;

    /// <summary>The JSON Pointer of <paramref name="token"/> (list output): the root's, a declared root property's
    /// (<see cref="RootPropertyPointers"/>), or one built by <see cref="InstancePointers"/> (reset after the validation
    /// that used it).</summary>
    public string InstancePointer(ReadOnlySpan<byte> json, int token, RootPropertyPointers declared)
    {
        if (token == 0)
        {
            // Before the walk: a root error (a missing required property) leaves the walk's cache clean.
            return "";
        }

        if (declared.Find(json, _tape, token, ref _rootResume) is { } rootProperty)
        {
            return rootProperty;
        }

        _pointersUsed = true;
        return _pointers.Of(json, _tape, token);
    }

    /// <summary>An empty string builder for one error location (list output), reused within the thread.</summary>
    public System.Text.StringBuilder Builder() => (_builder ??= new System.Text.StringBuilder(64)).Clear();

    /// <summary>A scratch UTF-16 buffer of at least <paramref name="length"/> chars, valid until the next call.</summary>
    public Span<char> Chars(int length)
    {
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        return _chars;
    }

    public ReadOnlySpan<SchemaResource> Scope => _scope.AsSpan(0, ScopeCount);

    /// <summary>Enters <paramref name="resource"/> in the dynamic scope unless it is already innermost.</summary>
    public bool PushScope(SchemaResource resource)
    {
        if (ScopeCount > 0 && ReferenceEquals(_scope[ScopeCount - 1], resource))
        {
            return false;
        }

        if (ScopeCount == _scope.Length)
        {
            Array.Resize(ref _scope, _scope.Length * 2);
        }

        _scope[ScopeCount++] = resource;
        return true;
    }

    public void PopScope() => _scope[--ScopeCount] = null!;

    public void PushRef(Keyword reference, SchemaNode target)
    {
        if (RefCount == _refs.Length)
        {
            Array.Resize(ref _refs, _refs.Length * 2);
        }

        _refs[RefCount++] = new RefStep(reference, target);
    }

    public void PopRef() => _refs[--RefCount] = default;

    public ReadOnlySpan<RefStep> Refs => _refs.AsSpan(0, RefCount);

    /// <summary>Starts recording evaluated children of <paramref name="token"/> (which has <paramref name="children"/> children).</summary>
    public void PushFrame(int token, int children)
    {
        var words = (children + 63) >> 6;
        var offset = FrameCount == 0 ? 0 : _frames[FrameCount - 1].Offset + _frames[FrameCount - 1].Words;
        if (offset + words > _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(offset + words, _bits.Length * 2));
        }

        _bits.AsSpan(offset, words).Clear();
        if (FrameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[FrameCount++] = new AnnotationFrame { Token = token, Offset = offset, Words = words };
        TrackedToken = token;
        _topOffset = offset;
    }

    /// <summary>Stops recording; when <paramref name="merge"/> and the enclosing frame is for the same token, its bits join it.</summary>
    public void PopFrame(bool merge)
    {
        var frame = _frames[--FrameCount];
        if (FrameCount > 0)
        {
            var parent = _frames[FrameCount - 1];
            if (merge && parent.Token == frame.Token)
            {
                for (var i = 0; i < frame.Words; i++)
                {
                    _bits[parent.Offset + i] |= _bits[frame.Offset + i];
                }
            }

            TrackedToken = parent.Token;
            _topOffset = parent.Offset;
        }
        else
        {
            TrackedToken = -1;
        }
    }

    /// <summary>Pushes a frame that records nothing for anyone (used under <c>not</c>, whose annotations never count).</summary>
    public void PushBarrier() => PushFrame(-2, 0);

    public void Mark(int ordinal) => _bits[_topOffset + (ordinal >> 6)] |= 1UL << (ordinal & 63);

    /// <summary>Marks every child of the current frame (bits past the last child are never read).</summary>
    public void MarkAll()
    {
        var frame = _frames[FrameCount - 1];
        _bits.AsSpan(frame.Offset, frame.Words).Fill(ulong.MaxValue);
    }

    public bool IsMarked(int ordinal) => (_bits[_topOffset + (ordinal >> 6)] & (1UL << (ordinal & 63))) != 0;

    private void Reset()
    {
        // After a normal run every stack is already empty; only an exception leaves anything behind.
        if ((FrameCount | ScopeCount | RefCount | RefDepth | _cycleGuardCount) != 0)
        {
            _cycleGuards.AsSpan(0, _cycleGuardCount).Clear();
            _cycleGuardCount = 0;
            FrameCount = 0;
            TrackedToken = -1;
            _scope.AsSpan(0, ScopeCount).Clear();
            ScopeCount = 0;
            _refs.AsSpan(0, RefCount).Clear();
            RefCount = 0;
            RefDepth = 0;
        }

        if (ErrorCount > 0)
        {
            Array.Clear(_errors, 0, ErrorCount);
            ErrorCount = 0;
            if (_errors.Length > MaxRetainedErrors)
            {
                _errors = new ValidationError[8];
            }
        }

        if (_pointersUsed)
        {
            // Only validations that located an error used it: the others (every valid one) skip this.
            _pointers.Reset();
            _pointersUsed = false;
        }

        if (_chars.Length > MaxRetainedChars)
        {
            _chars = new char[256];
        }

        if (_builder is { Capacity: > MaxRetainedChars })
        {
            _builder = null;
        }

        if (_tape.Length > InstanceTape.MaxPooledTokens)
        {
            // Allocated for one huge payload, not pooled: let it go.
            _tape = [];
        }
    }
}
