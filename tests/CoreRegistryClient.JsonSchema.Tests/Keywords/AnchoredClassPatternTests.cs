using System.Text;
using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Tests.Keywords;

/// <summary>The byte-level fast path for simple anchored patterns must agree with a real regex engine.</summary>
[TestFixture]
public sealed class AnchoredClassPatternTests
{
    [TestCase(@"^[A-Z][A-Z0-9.\-]{0,11}$")]
    [TestCase(@"^[0-9a-f]{32}$")]
    [TestCase(@"^[A-Z]{1,6}$")]
    [TestCase(@"^\d+-\d{2}$")]
    [TestCase(@"^[a-z]*_\d{2,}$")]
    [TestCase(@"^$")]
    [TestCase(@"^a-b$")]
    public void Accepted_patterns_match_exactly_like_a_regex(string pattern)
    {
        var fast = AnchoredClassPattern.TryCreate(pattern);
        Assert.That(fast, Is.Not.Null);
        var regex = new Regex(pattern[..^1] + @"\z", RegexOptions.CultureInvariant);
        var random = new Random(pattern.Length);
        const string alphabet = "aAzZ09_-.fF xé";
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.That(fast!.IsMatch(Encoding.UTF8.GetBytes(text)), Is.EqualTo(regex.IsMatch(text)), $"{pattern} on '{text}'");
        }
    }

    [TestCase("^[a-z]+[a-z]$", TestName = "Overlapping classes after a variable run are left to the regex engine")]
    [TestCase("[a-z]+", TestName = "Unanchored patterns are left to the regex engine")]
    [TestCase("^[^a-z]+$", TestName = "Negated classes are left to the regex engine")]
    [TestCase("^.+$", TestName = "The dot is left to the regex engine")]
    [TestCase("^(ab)+$", TestName = "Groups are left to the regex engine")]
    [TestCase("^a+?$", TestName = "Lazy quantifiers are left to the regex engine")]
    [TestCase("^[]a]$", TestName = "The empty class is left to the regex engine")]
    [TestCase(@"^\p{L}$", TestName = "Unicode property escapes are left to the regex engine")]
    [TestCase("^a|b$", TestName = "Alternation is left to the regex engine")]
    public void Patterns_outside_the_subset_are_declined(string pattern)
        => Assert.That(AnchoredClassPattern.TryCreate(pattern), Is.Null);

    [Test]
    public void Non_ascii_text_never_matches_an_ascii_class()
    {
        var fast = AnchoredClassPattern.TryCreate("^[a-z]+$")!;

        Assert.That(fast.IsMatch(Encoding.UTF8.GetBytes("café")), Is.False);
    }
}
