namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>A keyword location along the evaluation path through a chain of references, remembered with that chain.
/// The same keyword fails through the same references payload after payload, so list output builds the string once
/// instead of once per error. Immutable: a keyword's cache is replaced whole, so threads can share it.</summary>
internal sealed class ChainedLocation
{
    private readonly RefStep[] _chain;

    public ChainedLocation(ReadOnlySpan<RefStep> chain, string pointer)
    {
        _chain = chain.ToArray();
        Pointer = pointer;
    }

    /// <summary>The keyword location along the evaluation path (e.g. <c>/properties/level/$ref/enum</c>).</summary>
    public string Pointer { get; }

    /// <summary>Whether this location was built for exactly <paramref name="chain"/>.</summary>
    public bool IsFor(ReadOnlySpan<RefStep> chain)
    {
        if (chain.Length != _chain.Length)
        {
            return false;
        }

        for (var i = 0; i < chain.Length; i++)
        {
            if (!ReferenceEquals(chain[i].Reference, _chain[i].Reference) || !ReferenceEquals(chain[i].Target, _chain[i].Target))
            {
                return false;
            }
        }

        return true;
    }
}
