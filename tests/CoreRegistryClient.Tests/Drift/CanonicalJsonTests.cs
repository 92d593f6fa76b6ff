using System.Globalization;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Tests.Drift;

public class CanonicalJsonTests
{
    private static string Jcs(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

    private static string Python(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json), CanonicalForm.Python));

    [TestCase(CanonicalForm.Jcs)]
    [TestCase(CanonicalForm.Python)]
    public void Hash_does_not_depend_on_key_order_whitespace_or_escaping(CanonicalForm form)
    {
        var a = """{"type":"object","properties":{"a":{"type":"string"},"b":{"enum":[1,2]}},"required":["a"]}"""u8.ToArray();
        var b = """
            {
              "required" : [ "\u0061" ],
              "properties": { "b": { "enum": [ 1, 2 ] }, "a": { "type": "str\u0069ng" } },
              "type": "object"
            }
            """u8.ToArray();

        Assert.That(SchemaHasher.ComputeSha256(a, form), Is.EqualTo(SchemaHasher.ComputeSha256(b, form)));
    }

    [TestCase(CanonicalForm.Jcs)]
    [TestCase(CanonicalForm.Python)]
    public void Hash_changes_when_a_value_changes(CanonicalForm form)
    {
        Assert.That(
            SchemaHasher.ComputeSha256("""{"type":"object","required":["a"]}"""u8.ToArray(), form),
            Is.Not.EqualTo(SchemaHasher.ComputeSha256("""{"type":"object","required":["b"]}"""u8.ToArray(), form)));
    }

    [TestCase(CanonicalForm.Jcs)]
    [TestCase(CanonicalForm.Python)]
    public void Hash_of_a_json_element_equals_hash_of_its_bytes(CanonicalForm form)
    {
        var bytes = File.ReadAllBytes(SharedCorpus.Path("bench-corpus", "schemas", "portfolio.AllocationRequest.json"));
        using var document = JsonDocument.Parse(bytes);

        Assert.That(SchemaHasher.ComputeSha256(document.RootElement, form), Is.EqualTo(SchemaHasher.ComputeSha256(bytes, form)));
    }

    [Test]
    public void Hash_is_the_sha256_of_the_canonical_bytes_as_lowercase_hex()
    {
        var bytes = File.ReadAllBytes(SharedCorpus.Path("bench-corpus", "schemas", "md.BarBatch.json"));
        var canonical = CanonicalJson.Canonicalize(bytes);

        var hash = SchemaHasher.ComputeSha256(bytes);

        Assert.That(hash, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical))));
        Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
    }

    [TestCase(CanonicalForm.Jcs)]
    [TestCase(CanonicalForm.Python)]
    public void Documents_larger_than_one_chunk_hash_the_same_as_their_canonical_bytes(CanonicalForm form)
    {
        // Long strings, many members and multi-byte characters straddle the 4 KiB chunk boundary many times.
        var builder = new StringBuilder("{");
        for (var i = 0; i < 2000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"k{i:D5}\":\"{new string('é', i % 37)}😀{new string('x', i % 4099)}\"");
        }

        var bytes = Encoding.UTF8.GetBytes(builder.Append('}').ToString());
        var canonical = CanonicalJson.Canonicalize(bytes, form);

        Assert.That(SchemaHasher.ComputeSha256(bytes, form), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical))));
    }

    [Test]
    public void Jcs_refuses_a_lone_surrogate()
    {
        var ex = Assert.Throws<CanonicalJsonException>(() => Jcs("""{"s":"\ud800x"}"""));
        Assert.That(ex!.Kind, Is.EqualTo(CanonicalJsonErrorKind.LoneSurrogate));
        Assert.That(Assert.Throws<CanonicalJsonException>(() => Jcs("""["\udc00"]"""))!.Kind, Is.EqualTo(CanonicalJsonErrorKind.LoneSurrogate));
        Assert.That(Assert.Throws<CanonicalJsonException>(() => Jcs("""{"\ud83d":1}"""))!.Kind, Is.EqualTo(CanonicalJsonErrorKind.LoneSurrogate));
    }

    [Test]
    public void Jcs_writes_an_escaped_surrogate_pair_as_utf8()
    {
        Assert.That(Jcs("""["\ud83d\ude00"]"""), Is.EqualTo("[\"😀\"]"));
    }

    [Test]
    public void Python_keeps_lone_surrogates_escaped_as_json_dumps_does()
    {
        // json.dumps(json.loads(r'{"s":"\ud800x","t":"\udc00"}'), sort_keys=True)
        Assert.That(Python("""{"t":"\udc00","s":"\ud800x"}"""), Is.EqualTo("""{"s": "\ud800x", "t": "\udc00"}"""));
    }

    [Test]
    public void Jcs_refuses_numbers_that_overflow_to_infinity()
    {
        var ex = Assert.Throws<CanonicalJsonException>(() => Jcs("[1e400]"));
        Assert.That(ex!.Kind, Is.EqualTo(CanonicalJsonErrorKind.NonFiniteNumber));
        Assert.That(Assert.Throws<CanonicalJsonException>(() => Jcs("[-1e400]"))!.Kind, Is.EqualTo(CanonicalJsonErrorKind.NonFiniteNumber));
    }

    [Test]
    public void Python_writes_overflowing_numbers_as_infinity_like_json_dumps()
    {
        Assert.That(Python("[1e400,-1e400]"), Is.EqualTo("[Infinity, -Infinity]"));
    }

    [Test]
    public void Jcs_refuses_duplicate_member_names()
    {
        var ex = Assert.Throws<CanonicalJsonException>(() => Jcs("""{"a":1,"b":0,"\u0061":2}"""));
        Assert.That(ex!.Kind, Is.EqualTo(CanonicalJsonErrorKind.DuplicateKey));
    }

    [Test]
    public void Python_keeps_the_last_value_of_a_duplicate_member_like_dict()
    {
        Assert.That(Python("""{"a":1,"b":0,"a":2}"""), Is.EqualTo("""{"a": 2, "b": 0}"""));
    }

    [Test]
    public void Python_float_repr_and_integers_match_python()
    {
        // json.dumps of the same list under CPython 3.
        Assert.That(
            Python("[0.0001,1e-5,1e15,1e16,123456789012345680.0,5e-324,1.7976931348623157e308,-0,-0.0,0]"),
            Is.EqualTo("[0.0001, 1e-05, 1000000000000000.0, 1e+16, 1.2345678901234568e+17, 5e-324, 1.7976931348623157e+308, 0, -0.0, 0]"));
    }

    [Test]
    public void Python_escapes_delete_and_every_non_ascii_character()
    {
        Assert.That(Python("""{"k":"\u007f\u0080\ufeff","y":"</script>"}"""), Is.EqualTo("""{"k": "\u007f\u0080\ufeff", "y": "</script>"}"""));
    }

    [Test]
    public void Python_tells_1_0_from_1_and_jcs_does_not()
    {
        Assert.That(Python("[1.0,1,1e0,10E-1]"), Is.EqualTo("[1.0, 1, 1.0, 1.0]"));
        Assert.That(Jcs("[1.0,1,1e0,10E-1]"), Is.EqualTo("[1,1,1,1]"));
    }

    [Test]
    public void Jcs_writes_negative_zero_as_zero()
    {
        Assert.That(Jcs("[-0,-0.0,0e5]"), Is.EqualTo("[0,0,0]"));
    }

    [Test]
    public void Malformed_json_is_a_typed_error()
    {
        Assert.That(Assert.Throws<CanonicalJsonException>(() => Jcs("""{"a":"""))!.Kind, Is.EqualTo(CanonicalJsonErrorKind.MalformedJson));
        foreach (var form in Enum.GetValues<CanonicalForm>())
        {
            Assert.That(Assert.Throws<CanonicalJsonException>(() => SchemaHasher.ComputeSha256(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }, form))!.Kind,
                Is.EqualTo(CanonicalJsonErrorKind.MalformedJson), $"invalid UTF-8 in a value, {form}");
            Assert.That(Assert.Throws<CanonicalJsonException>(() => SchemaHasher.ComputeSha256(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, form))!.Kind,
                Is.EqualTo(CanonicalJsonErrorKind.MalformedJson), $"invalid UTF-8 in a name, {form}");
        }

        Assert.That(Assert.Throws<CanonicalJsonException>(() => SchemaHasher.ComputeSha256(ReadOnlyMemory<byte>.Empty))!.Kind,
            Is.EqualTo(CanonicalJsonErrorKind.MalformedJson), "empty input");
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_a_typed_error()
    {
        var deep = new string('[', 300) + new string(']', 300);

        var ex = Assert.Throws<CanonicalJsonException>(() => Jcs(deep));

        Assert.That(ex!.Kind, Is.EqualTo(CanonicalJsonErrorKind.TooDeep));
    }

    [Test]
    public void An_element_parsed_deeper_than_the_limit_is_refused_while_walking()
    {
        var deep = new string('[', 300) + new string(']', 300);
        using var document = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 1000 });

        var ex = Assert.Throws<CanonicalJsonException>(() => SchemaHasher.ComputeSha256(document.RootElement));

        Assert.That(ex!.Kind, Is.EqualTo(CanonicalJsonErrorKind.TooDeep));
    }

    [Test]
    public void A_utf8_byte_order_mark_is_ignored()
    {
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("""{"b":1,"a":2}"""u8.ToArray()).ToArray();

        Assert.That(Encoding.UTF8.GetString(CanonicalJson.Canonicalize(withBom)), Is.EqualTo("""{"a":2,"b":1}"""));
    }

    [Test]
    public void Form_names_round_trip()
    {
        foreach (var form in Enum.GetValues<CanonicalForm>())
        {
            Assert.That(CanonicalJson.TryParseForm(CanonicalJson.GetName(form).ToUpperInvariant(), out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(form));
        }

        Assert.That(CanonicalJson.TryParseForm("sorted", out _), Is.False);
    }
}
