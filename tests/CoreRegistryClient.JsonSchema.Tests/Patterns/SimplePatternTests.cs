using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Tests.Patterns;

/// <summary>The regex-free matcher for plain sequences of character sets must agree with the .NET regex the same
/// pattern translates to, on every input.</summary>
public class SimplePatternTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [TestCase("^[0-9a-f]{32}$")]
    [TestCase("^[A-Z][A-Z0-9.\\-]{0,11}$")]
    [TestCase("^[A-Z]{1,6}$")]
    [TestCase("^a*ab$")]
    [TestCase("a+b?c")]
    [TestCase("^\\d+$")]
    [TestCase("[a-c]{2,}$")]
    [TestCase("^x?y*z+")]
    [TestCase("^$")]
    [TestCase("")]
    [TestCase("^[b-z]{2}b$")]
    [TestCase("^\\w\\s\\d$")]
    [TestCase("^\u00e9+[\u0100-\u017f]?$")]
    public void The_simple_matcher_agrees_with_the_regex_on_random_inputs(string pattern)
    {
        var compiled = EcmaPattern.Create(pattern, Timeout);
        Assert.That(compiled.HasSimpleMatcher, Is.True, "pattern should take the simple path");

        var random = new Random(pattern.Length * 7919);
        const string alphabet = "aabbc0123456789fAZQ.-_ \u00e9\u0101\n";
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, SimplePattern.MaxInputLength + 2);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var input = new string(chars);
            Assert.That(compiled.IsMatch(input), Is.EqualTo(compiled.IsMatchWithRegex(input)), $"pattern {pattern}, input \"{input}\"");
        }
    }

    [TestCase("^[A-Z]{1,6}$", "AAPL", true)]
    [TestCase("^[A-Z]{1,6}$", "AAPLXYZ", false)]
    [TestCase("^[A-Z]{1,6}$", "", false)]
    [TestCase("^a*ab$", "aaab", true)]
    [TestCase("^[0-9a-f]{32}$", "0123456789abcdef0123456789abcdef", true)]
    public void Simple_patterns_match_as_ECMA_262_does(string pattern, string input, bool expected) =>
        Assert.That(EcmaPattern.Create(pattern, Timeout).IsMatch(input), Is.EqualTo(expected));

    [TestCase("^a+$")]
    [TestCase("a{63}")]
    [TestCase("^a*b?$")]
    public void Inputs_at_the_simple_limit_match_exactly(string pattern)
    {
        var compiled = EcmaPattern.Create(pattern, Timeout);
        var longest = new string('a', SimplePattern.MaxInputLength);

        Assert.That(compiled.IsMatch(longest), Is.True);
        Assert.That(compiled.IsMatch(longest[1..] + "c"), Is.EqualTo(compiled.IsMatchWithRegex(longest[1..] + "c")));
    }

    [Test]
    public void Inputs_longer_than_the_simple_limit_fall_back_to_the_regex()
    {
        var compiled = EcmaPattern.Create("^a+$", Timeout);

        Assert.That(compiled.IsMatch(new string('a', SimplePattern.MaxInputLength + 1)), Is.True);
        Assert.That(compiled.IsMatch(new string('a', SimplePattern.MaxInputLength) + "b"), Is.False);
    }

    [TestCase("a|b")]
    [TestCase("(a)")]
    [TestCase("(?:a)")]
    [TestCase(".")]
    [TestCase("\\bx")]
    [TestCase("a$b")]
    [TestCase("a^")]
    [TestCase("(?=a)")]
    [TestCase("\\u{1F600}")]
    [TestCase("[\\u{1F600}a]")]
    [TestCase("\\p{L}")]
    [TestCase("(?i:a)")]
    [TestCase("[^a]")]
    [TestCase("\\W")]
    public void Other_shapes_use_the_regex(string pattern) =>
        Assert.That(EcmaPattern.Create(pattern, Timeout).HasSimpleMatcher, Is.False);
}
