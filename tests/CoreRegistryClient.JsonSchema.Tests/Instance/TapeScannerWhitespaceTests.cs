using System.Text;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>The scanner reads a colon or comma right after a name or value, then at most one space, without its
/// whitespace loop; every other arrangement takes the loop. Whitespace of every kind and length before and after each
/// separator, in objects and arrays, is taped as the reader tapes it, and refusals next to separators name the same
/// byte as before that shortcut.</summary>
[TestFixture]
public sealed class TapeScannerWhitespaceTests
{
    private static readonly string[] s_whitespace = ["", " ", "  ", "\t", "\n", " \n", "\n ", "\r\n  ", " \t "];

    [Test]
    public void Whitespace_around_every_separator_is_taped_identically()
    {
        foreach (var before in s_whitespace)
        {
            foreach (var after in s_whitespace)
            {
                var json = $"{{\"a\"{before}:{after}1{before},{after}\"b\"{before}:{after}[1{before},{after}\"c\"{before},{after}{{}}{before},{after}[]]{before},{after}\"d\"{before}:{after}{{\"e\"{before}:{after}null}}}}";
                foreach (var document in new[] { json, $"{after}{json}{before}", $"[{after}{json}{before},{after}{json}{before}]" })
                {
                    var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(document), 64, out var difference);
                    Assert.That(kind, Is.EqualTo(InputErrorKind.None), $"{difference}: {document}");
                }
            }
        }
    }

    [TestCase("{\"a\": }", 6)]
    [TestCase("{\"a\":  }", 7)]
    [TestCase("{\"a\":", 5)]
    [TestCase("{\"a\": ", 6)]
    [TestCase("{\"a\" :1,}", 8)]
    [TestCase("{\"a\":1, }", 8)]
    [TestCase("{\"a\":1,  \"b\" 2}", 13)]
    [TestCase("{\"a\": 1, ", 9)]
    [TestCase("{\"a\": 1,", 8)]
    [TestCase("{\"a\" 1}", 5)]
    [TestCase("{\"a\"", 4)]
    [TestCase("[1, ]", 4)]
    [TestCase("[1, ,2]", 4)]
    [TestCase("[1 , ]", 5)]
    [TestCase("[1,\u00a02]", 3)]
    [TestCase("[1, \v2]", 4)]
    [TestCase("1, 2", 1)]
    [TestCase("\"a\": 1", 3)]
    [TestCase("[1, 2] , 3", 7)]
    public void A_refusal_next_to_a_separator_names_the_first_byte_that_cannot_continue(string json, long position) =>
        TapeDifferential.AssertRefusedAt(json, position);
}
