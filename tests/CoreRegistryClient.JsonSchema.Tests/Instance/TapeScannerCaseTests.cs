using System.Text;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>Hand-written accept (y) and reject (n) documents in the manner of the JSONTestSuite categories: the tape
/// scanner must accept exactly what <c>Utf8JsonReader</c> accepts (comments disallowed, no trailing commas) and build
/// the identical tape.</summary>
[TestFixture]
public sealed class TapeScannerCaseTests
{
    [TestCase("[]")]
    [TestCase("{}")]
    [TestCase(" \t\r\n[ \t\r\n] \t\r\n")]
    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("-0.0e-0")]
    [TestCase("1E+2")]
    [TestCase("1e2")]
    [TestCase("123.456e-789")]
    [TestCase("123456789012345678901234567890")]
    [TestCase("[1,-1,0.5,-0.5e10,1E-1,9]")]
    [TestCase("\"\"")]
    [TestCase("\"abc\"")]
    [TestCase("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")]
    [TestCase("\"\\u0000\\u00e9\\u00E9\\uFFFF\"")]
    [TestCase("\"\\uD800\"")] // a lone high surrogate in an escape: the reader accepts it
    [TestCase("\"\\uDFFF\\uD800x\"")]
    [TestCase("\"\\uD83D\\uDE00\"")]
    [TestCase("\"é日本😀\u007f\"")]
    [TestCase("true")]
    [TestCase("false")]
    [TestCase("null")]
    [TestCase("[true,false,null]")]
    [TestCase("{\"a\":{\"b\":[{},[],\"c\",1,true]},\"d\":null}")]
    [TestCase("{\"\":\"\"}")]
    [TestCase("{\"a\":1,\"a\":2}")]
    [TestCase("{\"\\u0041\\n\":1}")]
    [TestCase("[[[[[]]]],[[]]]")]
    [TestCase("{ \"a\" : [ 1 , { \"b\" : 2 } ] , \"c\" : \"d\" }")]
    public void Documents_the_reader_accepts_are_taped_identically(string json)
    {
        var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(json), 64, out var difference);

        Assert.Multiple(() =>
        {
            Assert.That(difference, Is.Empty);
            Assert.That(kind, Is.EqualTo(InputErrorKind.None));
        });
    }

    [TestCase("")]
    [TestCase(" \n")]
    [TestCase("[")]
    [TestCase("]")]
    [TestCase("{")]
    [TestCase("[1,]")]
    [TestCase("{\"a\":1,}")]
    [TestCase("[,1]")]
    [TestCase("[1,,2]")]
    [TestCase("{,}")]
    [TestCase("{\"a\"}")]
    [TestCase("{\"a\":}")]
    [TestCase("{\"a\"::1}")]
    [TestCase("{a:1}")]
    [TestCase("{'a':1}")]
    [TestCase("['a']")]
    [TestCase("{1:1}")]
    [TestCase("01")]
    [TestCase("-01")]
    [TestCase("00")]
    [TestCase("1.")]
    [TestCase(".1")]
    [TestCase("-")]
    [TestCase("[-]")]
    [TestCase("-a")]
    [TestCase("+1")]
    [TestCase("1e")]
    [TestCase("1e+")]
    [TestCase("1E-")]
    [TestCase("1.e1")]
    [TestCase("[1.2.3]")]
    [TestCase("[1e1.5]")]
    [TestCase("[1ee5]")]
    [TestCase("0x1")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("NaN")]
    [TestCase("tru")]
    [TestCase("truE")]
    [TestCase("True")]
    [TestCase("nul")]
    [TestCase("nulll")]
    [TestCase("fals")]
    [TestCase("falsy")]
    [TestCase("truefalse")]
    [TestCase("[true false]")]
    [TestCase("[1true]")]
    [TestCase("[1\"a\"]")]
    [TestCase("\"abc")]
    [TestCase("\"abc\\")]
    [TestCase("\"\\a\"")]
    [TestCase("\"\\x41\"")]
    [TestCase("\"\\U0041\"")]
    [TestCase("\"\\u12\"")]
    [TestCase("\"\\u12G4\"")]
    [TestCase("\"\\u")]
    [TestCase("\"a\tb\"")]
    [TestCase("\"a\nb\"")]
    [TestCase("\"\u0000\"")]
    [TestCase("\"\u001f\"")]
    [TestCase("[1 2]")]
    [TestCase("{\"a\":1 \"b\":2}")]
    [TestCase("{\"a\" \"b\"}")]
    [TestCase("1 2")]
    [TestCase("[] []")]
    [TestCase("[]]")]
    [TestCase("{}}")]
    [TestCase("[}")]
    [TestCase("{]")]
    [TestCase("{\"a\":1]")]
    [TestCase("[1}")]
    [TestCase("/* c */ 1")]
    [TestCase("// c\n1")]
    [TestCase("[1] // c")]
    [TestCase("[1,/* c */2]")]
    [TestCase("\ufeff[]")]
    [TestCase("\v[]")]
    [TestCase("\f[]")]
    [TestCase("\u00a0[]")]
    [TestCase("[]\u0000")]
    [TestCase("\"a\" :")]
    public void Documents_the_reader_refuses_are_refused(string json)
    {
        var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(json), 64, out var difference);

        Assert.Multiple(() =>
        {
            Assert.That(difference, Is.Empty);
            Assert.That(kind, Is.EqualTo(InputErrorKind.MalformedJson));
        });
    }

    [TestCase("[[[1]]]", 3, InputErrorKind.None)]
    [TestCase("[[[1]]]", 2, InputErrorKind.DepthExceeded)]
    [TestCase("[[[1,]]]", 2, InputErrorKind.DepthExceeded)] // depth is met before the bad comma
    [TestCase("[[1,]]]", 2, InputErrorKind.MalformedJson)]
    [TestCase("{\"a\":{\"b\":{}}}", 2, InputErrorKind.DepthExceeded)]
    [TestCase("[] [[[", 1, InputErrorKind.MalformedJson)]
    public void The_depth_limit_is_met_where_the_reader_met_it(string json, int maxDepth, InputErrorKind expected)
    {
        var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(json), maxDepth, out var difference);

        Assert.Multiple(() =>
        {
            Assert.That(difference, Is.Empty);
            Assert.That(kind, Is.EqualTo(expected));
        });
    }

    [TestCase("[1,]", 3)]
    [TestCase("{\"a\":1 \"b\":2}", 7)]
    [TestCase("\"abc", 4)]
    [TestCase("\"a\nb\"", 2)]
    [TestCase("\"\\q\"", 2)]
    [TestCase("[01]", 2)]
    [TestCase("[tru]", 4)]
    [TestCase("[1] x", 4)]
    public void A_refusal_names_the_first_byte_that_cannot_continue_the_document(string json, long position)
    {
        var result = JsonSchemaValidator.Parse("{}").Validate(Encoding.UTF8.GetBytes(json));

        Assert.Multiple(() =>
        {
            Assert.That(result.InputError, Is.EqualTo(InputErrorKind.MalformedJson));
            Assert.That(result.BytePosition, Is.EqualTo(position));
            Assert.That(result.InputErrorMessage, Is.EqualTo($"The instance is not well-formed JSON (byte {position})."));
        });
    }
}
