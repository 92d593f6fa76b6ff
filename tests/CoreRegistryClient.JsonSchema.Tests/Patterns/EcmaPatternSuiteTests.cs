using System.Text.Json;
using CoreRegistryClient.JsonSchema.Patterns;
using CoreRegistryClient.JsonSchema.Tests.Formats;

namespace CoreRegistryClient.JsonSchema.Tests.Patterns;

/// <summary>The suite's optional ECMA-262 regex files, checked directly against <see cref="EcmaPattern"/>: for
/// <c>pattern</c> the instance must match exactly when it is valid; for <c>patternProperties</c> the property
/// names whose match decides validity.</summary>
public class EcmaPatternSuiteTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var file in new[] { "ecmascript-regex.json", "non-bmp-regex.json" })
        {
            foreach (var (draft, groups) in OptionalSuiteFiles.OptionalFile(file))
            {
                foreach (var group in groups.EnumerateArray())
                {
                    var schema = group.GetProperty("schema");
                    var description = group.GetProperty("description").GetString();
                    foreach (var test in group.GetProperty("tests").EnumerateArray())
                    {
                        var data = test.GetProperty("data");
                        var valid = test.GetProperty("valid").GetBoolean();
                        var name = $"{draft} {file}: {description} / {test.GetProperty("description").GetString()}";
                        foreach (var (pattern, input, shouldMatch) in Expectations(schema, data, valid))
                        {
                            yield return new TestCaseData(pattern, input, shouldMatch).SetName(name);
                        }
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Pattern_matches_as_ECMA_262_does(string pattern, string input, bool shouldMatch)
    {
        var compiled = EcmaPattern.Create(pattern, TimeSpan.FromSeconds(10));

        Assert.That(compiled.IsMatch(input), Is.EqualTo(shouldMatch), $"pattern {pattern} translated to {compiled}");
    }

    private static IEnumerable<(string Pattern, string Input, bool ShouldMatch)> Expectations(JsonElement schema, JsonElement data, bool valid)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && data.ValueKind == JsonValueKind.String)
        {
            yield return (pattern.GetString()!, data.GetString()!, valid);
        }

        if (!schema.TryGetProperty("patternProperties", out var patternProperties) || data.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var entry in patternProperties.EnumerateObject())
        {
            var properties = data.EnumerateObject().ToList();
            if (entry.Value.ValueKind == JsonValueKind.True
                && schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False
                && properties.Count == 1)
            {
                // The only property is allowed exactly when the pattern matches its name.
                yield return (entry.Name, properties[0].Name, valid);
            }
            else if (entry.Value.TryGetProperty("type", out var type) && type.GetString() == "integer")
            {
                // A non-integer value fails exactly when the pattern matches its name.
                foreach (var property in properties.Where(p => p.Value.ValueKind != JsonValueKind.Number))
                {
                    yield return (entry.Name, property.Name, !valid);
                }
            }
        }
    }
}
