using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>The tape scanner against the reference <see cref="ReaderTape"/> on documents FsCheck writes (every
/// value kind, escapes, whitespace, nesting) and on random byte edits of the bench-corpus payloads: for every input
/// both agree on accept/refuse (and the depth limit) and build the identical tape.</summary>
[TestFixture]
[Category("Differential")]
public sealed class TapeScannerPropertyTests
{
    private static readonly string[] s_whitespace = ["", "", "", " ", "\n", "\r\n  ", "\t"];
    private static readonly string[] s_stringParts = ["a", "Z", "0", " ", "é", "日本", "😀", "\u007f", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\uD800", "\\udc00", "\\u00e9"];

    /// <summary>Bytes an edit writes: the grammar's own, digits and letters of the literals, the whitespace set and
    /// its near misses, control characters, and bytes that start or break UTF-8 sequences.</summary>
    private static readonly byte[] s_editBytes = [.. "{}[],:\"\\/0123456789-+.eEtrufalsn \t\n\r\v\fxu"u8, 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xe6, 0xf0, 0xff];

    [Test]
    public void Generated_documents_are_taped_identically()
    {
        Prop.ForAll(Gen.Sized(Document).ToArbitrary(), json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var kind = TapeDifferential.Compare(bytes, 64, out var difference);
            return (kind == InputErrorKind.None).Label($"{difference}: {json}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000).WithEndSize(12));
    }

    [Test]
    public void Generated_documents_meet_a_small_depth_limit_where_the_reader_does()
    {
        var cases = Gen.Sized(Document).Zip(Gen.Choose(1, 4));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(c.Item1), c.Item2, out var difference);
            return (kind is not null).Label($"{difference}: depth {c.Item2}, {c.Item1}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1_000).WithEndSize(12));
    }

    [TestCase(BenchCorpus.FeedbackEvent)]
    [TestCase(BenchCorpus.BarBatch)]
    [TestCase(BenchCorpus.AllocationRequest)]
    public void Edited_corpus_payloads_are_taped_identically(string name)
    {
        var payloads = new[] { BenchCorpus.Valid(name), BenchCorpus.Invalid(name) };
        var edit = from kind in Gen.Choose(0, 2)
                   from at in Gen.Choose(0, int.MaxValue)
                   from value in Gen.Elements(s_editBytes)
                   select (kind, at, value);
        var cases = Gen.Choose(0, 1).Zip(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(edit, n)));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = Apply(payloads[c.Item1], c.Item2);
            var kind = TapeDifferential.Compare(bytes, 64, out var difference);
            return (kind is not null).Label($"{difference}: {Encoding.UTF8.GetString(bytes)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1_500));
    }

    private static byte[] Apply(byte[] payload, (int Kind, int At, byte Value)[] edits)
    {
        var bytes = new List<byte>(payload);
        foreach (var (kind, at, value) in edits)
        {
            var i = at % (bytes.Count + 1);
            switch (kind)
            {
                case 0:
                    bytes.Insert(i, value);
                    break;
                case 1 when i < bytes.Count:
                    bytes[i] = value;
                    break;
                default:
                    if (i < bytes.Count)
                    {
                        bytes.RemoveAt(i);
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static Gen<string> Document(int size) =>
        from before in Gen.Elements(s_whitespace)
        from value in Value(size)
        from after in Gen.Elements(s_whitespace)
        select before + value + after;

    private static Gen<string> Value(int size) => size <= 0
        ? Scalar()
        : Gen.Frequency((3, Scalar()), (1, ArrayOf(size)), (1, ObjectOf(size)));

    private static Gen<string> Scalar() => Gen.Frequency((3, Number()), (3, String()), (1, Gen.Elements("true", "false", "null")));

    private static Gen<string> Number() =>
        from sign in Gen.Elements("", "", "-")
        from integer in Gen.OneOf(Gen.Constant("0"), Digits().Select(d => "1" + d), Gen.Choose(1, 9).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        from fraction in Gen.OneOf(Gen.Constant(""), Digits().Select(d => ".5" + d))
        from exponent in Gen.OneOf(Gen.Constant(""), from e in Gen.Elements("e", "E", "e+", "E-") from d in Digits() select e + "7" + d)
        select sign + integer + fraction + exponent;

    private static Gen<string> Digits() => Gen.ArrayOf(Gen.Elements("0", "1", "5", "9"), 0).Or(Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements("0", "1", "5", "9"), n))).Select(string.Concat);

    private static Gen<string> String() => Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(s_stringParts), n)).Select(p => "\"" + string.Concat(p) + "\"");

    private static Gen<string> ArrayOf(int size) =>
        from n in Gen.Choose(0, 4)
        from items in Gen.ArrayOf(Padded(Value(size / 2)), n)
        from inside in Gen.Elements(s_whitespace)
        select "[" + (n == 0 ? inside : string.Join(",", items)) + "]";

    private static Gen<string> ObjectOf(int size) =>
        from n in Gen.Choose(0, 4)
        from names in Gen.ArrayOf(Padded(String()), n)
        from values in Gen.ArrayOf(Padded(Value(size / 2)), n)
        from inside in Gen.Elements(s_whitespace)
        select "{" + (n == 0 ? inside : string.Join(",", names.Zip(values, (k, v) => k + ":" + v))) + "}";

    private static Gen<string> Padded(Gen<string> value) =>
        from before in Gen.Elements(s_whitespace)
        from v in value
        from after in Gen.Elements(s_whitespace)
        select before + v + after;
}
