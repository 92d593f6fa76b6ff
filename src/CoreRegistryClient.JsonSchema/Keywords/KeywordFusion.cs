namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Merges sibling keywords that would each walk the same instance object into one pass
/// (<c>properties</c> takes over <c>required</c> and <c>additionalProperties</c>). Each keyword keeps its own
/// identity for error locations.</summary>
/// <remarks>Runs for every schema object compiled, so it scans the keyword list with loops and allocates only
/// the fused keywords it creates.</remarks>
internal static class KeywordFusion
{
    public static void Fuse(List<Keyword> keywords)
    {
        SimplifyUnevaluatedProperties(keywords);
        FuseNumberChecks(keywords);
        FuseStringChecks(keywords);
        var properties = First<PropertiesKeyword>(keywords);
        if (properties is null)
        {
            return;
        }

        if (First<RequiredKeyword>(keywords) is { } required && properties.TryAbsorb(required))
        {
            keywords.Remove(required);
        }

        if (First<AdditionalPropertiesKeyword>(keywords) is { } additional)
        {
            properties.Absorb(additional);
            keywords.Remove(additional);
        }
    }

    /// <summary>Without in-place applicators, only this schema's own keywords can evaluate a property, so
    /// <c>unevaluatedProperties</c> means exactly what <c>additionalProperties</c> would (and nothing at all next
    /// to an <c>additionalProperties</c>): compile it that way and skip annotation tracking.</summary>
    private static void SimplifyUnevaluatedProperties(List<Keyword> keywords)
    {
        if (First<UnevaluatedPropertiesKeyword>(keywords) is not { } unevaluated)
        {
            return;
        }

        if (keywords.Exists(static k => k is AdditionalPropertiesKeyword))
        {
            keywords.Remove(unevaluated);
            return;
        }

        if (keywords.Exists(static k => k.InPlaceSubschemas.Any()))
        {
            return;
        }

        var names = First<PropertiesKeyword>(keywords)?.Names;
        var patterns = First<PatternPropertiesKeyword>(keywords)?.Patterns ?? [];
        keywords.Remove(unevaluated);
        keywords.Add(new AdditionalPropertiesKeyword(unevaluated.Owner, unevaluated.Name, names, patterns, unevaluated.Schema));
    }

    private static void FuseNumberChecks(List<Keyword> keywords)
    {
        var count = 0;
        MultipleOfKeyword? multipleOf = null;
        foreach (var keyword in keywords)
        {
            if (keyword is NumericBoundKeyword)
            {
                count++;
            }
            else if (keyword is MultipleOfKeyword m)
            {
                multipleOf ??= m;
            }
        }

        if (count == 0 && multipleOf is null)
        {
            return;
        }

        var bounds = new NumericBoundKeyword[count];
        var b = 0;
        foreach (var keyword in keywords)
        {
            if (keyword is NumericBoundKeyword bound)
            {
                bounds[b++] = bound;
            }
        }

        var type = First<TypeKeyword>(keywords);
        RemoveFused(keywords, type, static k => k is NumericBoundKeyword or MultipleOfKeyword);
        var owner = (multipleOf ?? (Keyword)bounds[0]).Owner;
        keywords.Add(new NumberChecksKeyword(owner, type, bounds, multipleOf));
    }

    private static void FuseStringChecks(List<Keyword> keywords)
    {
        var count = 0;
        foreach (var keyword in keywords)
        {
            if (IsStringCheck(keyword))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return;
        }

        // In list order, then stably by evaluation order (cheapest first).
        var checks = new Keyword[count];
        var n = 0;
        foreach (var keyword in keywords)
        {
            if (IsStringCheck(keyword))
            {
                var i = n++;
                for (; i > 0 && checks[i - 1].Order > keyword.Order; i--)
                {
                    checks[i] = checks[i - 1];
                }

                checks[i] = keyword;
            }
        }

        var type = First<TypeKeyword>(keywords);
        RemoveFused(keywords, type, IsStringCheck);
        keywords.Add(new StringChecksKeyword(checks[0].Owner, type, checks));
    }

    private static bool IsStringCheck(Keyword keyword) => keyword is StringLengthKeyword or PatternKeyword;

    /// <summary>Removes the keywords <paramref name="fused"/> selects and <paramref name="type"/> (now checked by the
    /// fused keyword), keeping the others in order.</summary>
    private static void RemoveFused(List<Keyword> keywords, TypeKeyword? type, Func<Keyword, bool> fused)
    {
        var kept = 0;
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            if (!fused(keyword) && !ReferenceEquals(keyword, type))
            {
                keywords[kept++] = keyword;
            }
        }

        keywords.RemoveRange(kept, keywords.Count - kept);
    }

    private static T? First<T>(List<Keyword> keywords)
        where T : Keyword
    {
        foreach (var keyword in keywords)
        {
            if (keyword is T found)
            {
                return found;
            }
        }

        return null;
    }
}
