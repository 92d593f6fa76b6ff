using System.Globalization;

namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>Numeric keywords use exact decimal arithmetic, not doubles.</summary>
[TestFixture]
public sealed class NumericKeywordTests
{
    [TestCase("0.1", "0.3", true)]
    [TestCase("0.1", "0.30000000000000004", false)]
    [TestCase("0.01", "19.99", true)]
    [TestCase("0.5", "1e308", true)]
    [TestCase("3", "12345678901234567890123", true)]
    [TestCase("3", "12345678901234567890124", false)]
    [TestCase("7", "1e400", false)]
    [TestCase("2", "1e400", true)]
    [TestCase("1e-30", "3e-29", true)]
    public void MultipleOf_is_exact(string divisor, string value, bool valid)
        => Assert.That(JsonSchemaValidator.Parse($$"""{"multipleOf": {{divisor}}}""").IsValid(value), Is.EqualTo(valid));

    [TestCase("12345678901234567890", "12345678901234567891", false)]
    [TestCase("12345678901234567890", "12345678901234567890", true)]
    [TestCase("12345678901234567890", "12345678901234567889.999999999", true)]
    [TestCase("1e308", "1.0000000000000001e308", false)]
    [TestCase("1e308", "-1e400", true)]
    [TestCase("1e1000001", "1e1000002", false)]
    [TestCase("1e1000002", "1e1000001", true)]
    [TestCase("0.1", "0.1000000000000000000000000001", false)]
    public void Maximum_compares_big_and_precise_numbers_exactly(string maximum, string value, bool valid)
        => Assert.That(JsonSchemaValidator.Parse($$"""{"maximum": {{maximum}}}""").IsValid(value), Is.EqualTo(valid));

    [Test]
    public void Numbers_with_a_million_digits_are_handled_exactly()
    {
        var huge = "9" + new string('0', 1_000_000);
        var validator = JsonSchemaValidator.Parse("""{"maximum": 1e1000001, "multipleOf": 3, "type": "integer"}""");

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(huge), Is.True, "9e1000000 is below 1e1000001, an integer, and a multiple of 3");
            Assert.That(validator.IsValid("1" + new string('0', 1_000_001) + "1"), Is.False, "above the maximum");
            Assert.That(validator.IsValid("1e1000002"), Is.False, "above the maximum, by exponent alone");
            Assert.That(validator.IsValid(huge + ".5"), Is.False, "not an integer");
        });
    }

    /// <summary>Around every power of ten a 19-digit mantissa can reach, where counting a number's digits (which
    /// orders numbers of different exponents) is off by one if it is wrong, each bound agrees with
    /// <see cref="decimal"/> arithmetic.</summary>
    [Test]
    public void Bounds_agree_with_decimal_arithmetic_at_every_power_of_ten()
    {
        var disagreements = new List<string>();
        for (var k = 0; k <= 18; k++)
        {
            var power = Pow10(k);
            string[] limits = [power.ToString(CultureInfo.InvariantCulture), (power - 1).ToString(CultureInfo.InvariantCulture), $"1e{k}", $"0.{new string('0', k)}1"];
            string[] values = [(power - 1).ToString(CultureInfo.InvariantCulture), power.ToString(CultureInfo.InvariantCulture), (power + 1).ToString(CultureInfo.InvariantCulture), $"{power - 1}.5", k == 0 ? "9e0" : $"9.{new string('9', Math.Min(k, 17))}e{k}", $"0.{new string('0', k)}1", $"0.{new string('0', k)}09", $"1e-{k + 1}"];
            foreach (var limit in limits)
            {
                var maximum = JsonSchemaValidator.Parse($$"""{"maximum": {{limit}}}""");
                var exclusiveMinimum = JsonSchemaValidator.Parse($$"""{"exclusiveMinimum": {{limit}}}""");
                var l = decimal.Parse(limit, NumberStyles.Float, CultureInfo.InvariantCulture);
                foreach (var value in values)
                {
                    var v = decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (maximum.IsValid(value) != (v <= l)) disagreements.Add($"{value} <= {limit}");
                    if (exclusiveMinimum.IsValid(value) != (v > l)) disagreements.Add($"{value} > {limit}");
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
    }

    /// <summary>Integer limits decide fractional numbers by their integer part and the sign of their fraction; around
    /// each limit (negative, zero, positive, 18 digits) every bound agrees with <see cref="decimal"/> arithmetic, with
    /// zero fractions, negative zero and numbers too long or with an exponent (which take the decimal path).</summary>
    [Test]
    public void Integer_limits_agree_with_decimal_arithmetic_on_fractional_numbers()
    {
        string[] limits = ["-1", "0", "1", "5", "-100", "999999999999999999", "-999999999999999999"];
        string[] fractions = ["0", "0.0", "-0.0", "0.5", "-0.5", "0.000001", "-0.000001", "0.999999999999999999999"];
        var disagreements = new List<string>();
        foreach (var limit in limits)
        {
            var l = decimal.Parse(limit, CultureInfo.InvariantCulture);
            (string Name, Func<decimal, bool> Holds)[] keywords =
            [
                ("minimum", v => v >= l), ("maximum", v => v <= l), ("exclusiveMinimum", v => v > l), ("exclusiveMaximum", v => v < l),
            ];
            var values = new List<string>();
            foreach (var offset in new[] { -1m, 0m, 1m })
            {
                var whole = l + offset;
                var text = whole.ToString(CultureInfo.InvariantCulture);
                values.Add(text);
                values.Add(text + ".0");
                values.Add(text + ".0000000001");
                values.Add(text + ".5");
                values.Add(text + "e0");
            }

            values.AddRange(fractions);
            foreach (var (name, holds) in keywords)
            {
                var validator = JsonSchemaValidator.Parse($$"""{"{{name}}": {{limit}}}""");
                foreach (var value in values)
                {
                    var v = decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (validator.IsValid(value) != holds(v)) disagreements.Add($"{value} {name} {limit}");
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
    }

    /// <summary>A bound of zero, however the schema writes it, is decided by the instance's sign, however the instance
    /// writes it (negative zero, zero fractions and exponents, exponents that move digits, numbers beyond a double's
    /// range), alone, with a <c>type</c> checked in the same keyword, and with a second zero bound.</summary>
    [TestCase("0", 0)]
    [TestCase("-0", 0)]
    [TestCase("0.0", 0)]
    [TestCase("-0.0", 0)]
    [TestCase("0e5", 0)]
    [TestCase("-0E-3", 0)]
    [TestCase("0.000e+10", 0)]
    [TestCase("1e2", 1)]
    [TestCase("-1e2", -1)]
    [TestCase("1e-400", 1)]
    [TestCase("-1e-400", -1)]
    [TestCase("0.001", 1)]
    [TestCase("-0.001", -1)]
    [TestCase("0.0e0", 0)]
    [TestCase("5", 1)]
    [TestCase("-5", -1)]
    [TestCase("123456789012345678901234567890", 1)]
    [TestCase("-123456789012345678901234567890", -1)]
    public void Zero_bounds_are_decided_by_the_sign(string value, int sign)
    {
        // Each case names the keywords that fail: list output must report every one, not stop at the first.
        static string[] When(bool fails, string keyword) => fails ? [keyword] : [];
        (string Schema, string[] Failing)[] cases =
        [
            ("""{"minimum": 0}""", When(sign < 0, "minimum")),
            ("""{"exclusiveMinimum": 0}""", When(sign <= 0, "exclusiveMinimum")),
            ("""{"maximum": 0}""", When(sign > 0, "maximum")),
            ("""{"exclusiveMaximum": 0}""", When(sign >= 0, "exclusiveMaximum")),
            ("""{"minimum": -0.0}""", When(sign < 0, "minimum")),
            ("""{"exclusiveMinimum": 0e3}""", When(sign <= 0, "exclusiveMinimum")),
            ("""{"type": "number", "exclusiveMinimum": 0}""", When(sign <= 0, "exclusiveMinimum")),
            ("""{"type": "number", "minimum": 0, "maximum": 0}""", [.. When(sign < 0, "minimum"), .. When(sign > 0, "maximum")]),
            ("""{"exclusiveMinimum": 0, "maximum": 0}""", [.. When(sign <= 0, "exclusiveMinimum"), .. When(sign > 0, "maximum")]),
            ("""{"type": ["number", "null"], "maximum": 0.0, "exclusiveMaximum": 0}""", [.. When(sign > 0, "maximum"), .. When(sign >= 0, "exclusiveMaximum")]),
        ];

        Assert.Multiple(() =>
        {
            foreach (var (schema, failing) in cases)
            {
                var validator = JsonSchemaValidator.Parse(schema);
                Assert.That(validator.IsValid(value), Is.EqualTo(failing.Length == 0), schema);
                Assert.That(validator.Validate(value, OutputFormat.List).Errors.Select(e => e.Keyword), Is.EquivalentTo(failing), schema);
            }
        });
    }

    private static decimal Pow10(int k)
    {
        var p = 1m;
        for (var i = 0; i < k; i++) p *= 10;
        return p;
    }

    [TestCase("1.0", true)]
    [TestCase("1e2", true)]
    [TestCase("1.5e1", true)]
    [TestCase("1.05e1", false)]
    [TestCase("123456789012345678901234567890", true)]
    [TestCase("-0", true)]
    public void Integer_is_decided_by_value(string value, bool valid)
        => Assert.That(JsonSchemaValidator.Parse("""{"type": "integer"}""").IsValid(value), Is.EqualTo(valid));

    [TestCase("[1, 1.0]", false)]
    [TestCase("""[{"a": 1, "b": 2}, {"b": 2, "a": 1.00}]""", false)]
    [TestCase("""["a", "\u0061"]""", false)]
    [TestCase("[1, 2, 3]", true)]
    [TestCase("""[["a", 1], ["\u0061", 1.0]]""", false)]
    [TestCase("""[{"k": ["x"]}, {"k": ["y"]}]""", true)]
    public void UniqueItems_uses_json_equality(string array, bool valid)
        => Assert.That(JsonSchemaValidator.Parse("""{"uniqueItems": true}""").IsValid(array), Is.EqualTo(valid));

    [Test]
    public void UniqueItems_sees_long_strings_equal_however_they_are_escaped()
    {
        var plain = new string('a', 400);
        var escaped = "\\u0061" + new string('a', 399);

        Assert.That(JsonSchemaValidator.Parse("""{"uniqueItems": true}""").IsValid($"[\"{plain}\", \"{escaped}\"]"), Is.False);
    }

    [Test]
    public void UniqueItems_finds_a_duplicate_in_a_long_array()
    {
        var items = Enumerable.Range(0, 1000).Select(i => $"{{\"id\": {i}}}").ToList();
        var unique = "[" + string.Join(",", items) + "]";
        items.Add("{\"id\": 500.0}");
        var duplicated = "[" + string.Join(",", items) + "]";
        var validator = JsonSchemaValidator.Parse("""{"uniqueItems": true}""");

        Assert.Multiple(() =>
        {
            Assert.That(validator.IsValid(unique), Is.True);
            Assert.That(validator.IsValid(duplicated), Is.False);
        });
    }

    [TestCase("\"\U0001F600\U0001F600\"", true)]
    [TestCase("\"\\ud83d\\ude00\\ud83d\\ude00\"", true)]
    [TestCase("\"abc\"", false)]
    public void String_lengths_count_code_points(string value, bool valid)
        => Assert.That(JsonSchemaValidator.Parse("""{"maxLength": 2}""").IsValid(value), Is.EqualTo(valid));
}
