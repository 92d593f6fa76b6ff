using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Tests.Patterns;

public class EcmaPatternTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static bool Matches(string pattern, string input) => EcmaPattern.Create(pattern, Timeout).IsMatch(input);

    [TestCase("^abc$", "abc\n", false)]
    [TestCase("^abc$", "abc", true)]
    [TestCase("^.$", "\n", false)]
    [TestCase("^.$", "\r", false)]
    [TestCase("^.$", "\u2028", false)]
    [TestCase("^.$", "\u2029", false)]
    [TestCase("^.$", "\u0085", true)]
    [TestCase("^.$", "\U0001F600", true)]
    [TestCase("^..$", "\U0001F600", false)]
    [TestCase("^[^a]$", "\U0001F600", true)]
    [TestCase("^[^]$", "\U0001F600", true)]
    [TestCase("^[^]{2}$", "\U0001F600", false)]
    [TestCase("^[\U0001F600-\U0001F602]$", "\U0001F601", true)]
    [TestCase("^[\U0001F600-\U0001F602]$", "\U0001F603", false)]
    [TestCase("^[a\\u{1F600}]+$", "a\U0001F600a", true)]
    [TestCase("^\\u{1F600}{2}$", "\U0001F600\U0001F600", true)]
    [TestCase("^\\ud83d\\ude00$", "\U0001F600", true)]
    [TestCase("^\\u{41}\\x42\\u0043$", "ABC", true)]
    [TestCase("^\\cJ$", "\n", true)]
    [TestCase("^\\0$", "\0", true)]
    [TestCase("^[\\b]$", "\b", true)]
    [TestCase("^\\/$", "/", true)]
    [TestCase("^[\\-a]+$", "-a-", true)]
    [TestCase("^\\p{Lu}+$", "ABC\u00C9", true)]
    [TestCase("^\\p{Lu}$", "a", false)]
    [TestCase("^\\p{gc=Lu}$", "\u00C9", true)]
    [TestCase("^\\p{General_Category=Decimal_Number}+$", "\u09EA\u09E8", true)]
    [TestCase("^\\p{L}$", "\U0001D54F", true)]
    [TestCase("^\\P{L}$", "\U0001D54F", false)]
    [TestCase("^\\P{L}$", "\U0001F600", true)]
    [TestCase("^[\\p{L}\\d]+$", "a1\U0001D54F", true)]
    [TestCase("^[^\\p{L}]$", "\U0001D54F", false)]
    [TestCase("^\\p{Script=Greek}+$", "\u03B1\u03B2", true)]
    [TestCase("^\\p{sc=Greek}$", "a", false)]
    [TestCase("^\\p{ASCII_Hex_Digit}+$", "09afAF", true)]
    [TestCase("\\bcole", "\u00E9cole", true)]
    [TestCase("\\Bcole", "\u00E9cole", false)]
    [TestCase("^\\w$", "\u00E9", false)]
    [TestCase("^\\s$", "\uFEFF", true)]
    [TestCase("^\\s$", "\u0085", false)]
    [TestCase("^[]$", "", false)]
    [TestCase("[]", "a", false)]
    public void Translation_keeps_ECMA_262_meaning(string pattern, string input, bool expected) =>
        Assert.That(Matches(pattern, input), Is.EqualTo(expected));

    [TestCase("^(?<a>x)(y)\\2$", "xyy", true)]
    [TestCase("^(?<a>x)(y)\\2$", "xyx", false)]
    [TestCase("^(?<a>x)(y)\\k<a>$", "xyx", true)]
    [TestCase("^(?:(a)|b)\\1$", "b", true)]
    [TestCase("^\\1(a)$", "a", true)]
    [TestCase("^(?:(?<n>a)|(?<n>b))\\k<n>$", "bb", true)]
    [TestCase("^(?:(?<n>a)|(?<n>b))\\k<n>$", "ba", false)]
    [TestCase("(?<=a+)b", "aaab", true)]
    [TestCase("(?<!a)b", "ab", false)]
    [TestCase("^a(?=b)", "ab", true)]
    [TestCase("^a(?!b)", "ab", false)]
    public void Groups_and_backreferences_follow_ECMA_262(string pattern, string input, bool expected) =>
        Assert.That(Matches(pattern, input), Is.EqualTo(expected));

    [TestCase("^(?i:abc)$", "AbC", true)]
    [TestCase("^(?i:[^a])$", "A", false)]
    [TestCase("^a(?i:b)c$", "aBC", false)]
    [TestCase("^(?s:.)$", "\n", true)]
    [TestCase("(?m:^b$)", "a\nb\nc", true)]
    [TestCase("^b$", "a\nb\nc", false)]
    [TestCase("^(?i:a(?-i:b))$", "Ab", true)]
    [TestCase("^(?i:a(?-i:b))$", "AB", false)]
    public void Modifier_groups_scope_their_flags(string pattern, string input, bool expected) =>
        Assert.That(Matches(pattern, input), Is.EqualTo(expected));

    [TestCase("\\a")]
    [TestCase("(?P<name>x)")]
    [TestCase("(?P<n>a)(?P=n)")]
    [TestCase("(?#comment)a")]
    [TestCase("(?i)abc")]
    [TestCase("(?ims)abc")]
    [TestCase("(?>a)")]
    [TestCase("\\A")]
    [TestCase("\\Z")]
    [TestCase("\\G")]
    [TestCase("\\p{IsGreek}")]
    [TestCase("\\p{Foo}")]
    [TestCase("\\p{Script=Foo}")]
    [TestCase("\\p{lu}")]
    [TestCase("^(abc]")]
    [TestCase("(")]
    [TestCase(")")]
    [TestCase("a{2,1}")]
    [TestCase("*a")]
    [TestCase("a**")]
    [TestCase("^*")]
    [TestCase("\\b+")]
    [TestCase("(?=a)*")]
    [TestCase("(?<=a)?")]
    [TestCase("{")]
    [TestCase("a{")]
    [TestCase("a{,5}")]
    [TestCase("}")]
    [TestCase("]")]
    [TestCase("[b-a]")]
    [TestCase("[\\d-z]")]
    [TestCase("[a-\\w]")]
    [TestCase("[\\B]")]
    [TestCase("[\\1]")]
    [TestCase("\\1")]
    [TestCase("(a)\\2")]
    [TestCase("\\k<x>")]
    [TestCase("(?<x>a)\\k<y>")]
    [TestCase("\\k")]
    [TestCase("(?<a>x)(?<a>y)")]
    [TestCase("(?<1a>x)")]
    [TestCase("(?<>x)")]
    [TestCase("\\c1")]
    [TestCase("\\00")]
    [TestCase("\\8")]
    [TestCase("\\x4")]
    [TestCase("\\u12")]
    [TestCase("\\u{110000}")]
    [TestCase("\\u{}")]
    [TestCase("(?-:a)")]
    [TestCase("(?ii:a)")]
    [TestCase("(?i-i:a)")]
    [TestCase("(?x:a)")]
    [TestCase("\\")]
    public void Invalid_ECMA_262_patterns_are_rejected_with_a_clear_message(string pattern)
    {
        Assert.That(EcmaPattern.IsValid(pattern, out var error), Is.False);
        var exception = Assert.Throws<ArgumentException>(() => EcmaPattern.Create(pattern, Timeout));
        Assert.That(exception!.Message, Does.Contain("not a valid ECMA-262 regular expression"));
        Assert.That(error, Is.Not.Empty);
    }

    [TestCase("(?<name>x)")]
    [TestCase("(?<n>a)\\k<n>")]
    [TestCase("(?<=a+)b")]
    [TestCase("[]")]
    [TestCase("[^]")]
    [TestCase("\\cA")]
    [TestCase("(?<a>x)|(?<a>y)")]
    [TestCase("(?<$\\u0061_>x)")]
    [TestCase("a{1,}?")]
    [TestCase("a{01}")]
    [TestCase("[\\w-]")]
    [TestCase("[-\\w]")]
    [TestCase("[a-]")]
    [TestCase("\\p{Letter}\\p{digit}\\p{punct}\\P{Any}")]
    [TestCase("([abc])+\\s+$")]
    public void Valid_ECMA_262_patterns_compile(string pattern)
    {
        Assert.That(EcmaPattern.IsValid(pattern, out var error), Is.True, error);
        Assert.DoesNotThrow(() => EcmaPattern.Create(pattern, Timeout));
    }

    [TestCase("\\p{Script=Thai}")]
    [TestCase("\\p{scx=Greek}")]
    [TestCase("\\p{Alphabetic}")]
    [TestCase("a{2147483648}")]
    public void Valid_patterns_without_a_NET_equivalent_are_valid_but_do_not_compile(string pattern)
    {
        Assert.That(EcmaPattern.IsValid(pattern, out _), Is.True);
        var exception = Assert.Throws<ArgumentException>(() => EcmaPattern.Create(pattern, Timeout));
        Assert.That(exception!.Message, Does.Contain("no .NET equivalent"));
    }

    [Test]
    public void Catastrophic_backtracking_with_a_backreference_hits_the_match_timeout()
    {
        var pattern = EcmaPattern.Create("^(a+)+\\1b$", TimeSpan.FromMilliseconds(50));

        Assert.That(pattern.IsNonBacktracking, Is.False);
        Assert.Throws<RegexMatchTimeoutException>(() => pattern.IsMatch(new string('a', 64) + "!"));
    }

    [Test]
    public void Nested_quantifiers_without_backreferences_run_on_the_linear_engine()
    {
        var pattern = EcmaPattern.Create("^(a+)+$", TimeSpan.FromMilliseconds(50));

        Assert.That(pattern.IsNonBacktracking, Is.True);
        Assert.That(pattern.IsMatch(new string('a', 10_000) + "!"), Is.False);
    }

    [Test]
    public void Deeply_nested_groups_are_refused_rather_than_overflowing_the_stack()
    {
        var pattern = new string('(', 100_000) + new string(')', 100_000);

        Assert.That(EcmaPattern.IsValid(pattern, out var error), Is.False);
        Assert.That(error, Does.Contain("nested"));
    }

    [Test]
    public void Source_keeps_the_original_pattern() =>
        Assert.That(EcmaPattern.Create("^\\d+$", Timeout).Source, Is.EqualTo("^\\d+$"));
}
