using System.Text;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>The scanner finds a string's end in a window of 64 bytes' string stops (quote, backslash, control
/// character) that it moves as strings pass its end, aligns to the end of a longer input near its end, and builds over
/// the whole of a shorter input. Strings, escapes and refusals at every offset around those edges are taped as the
/// reader tapes them, and a refusal names the same byte as before the window.</summary>
[TestFixture]
public sealed class StringStopWindowTests
{
    /// <summary>Bodies whose ends and escapes fall at many offsets of a window: short and long runs, escapes of both
    /// lengths next to the edges of a 16- and a 64-byte block, and multi-byte UTF-8 (not stops).</summary>
    private static readonly string[] s_bodies =
    [
        "", "b", new('b', 15), new('b', 16), new('b', 17), new('b', 62), new('b', 63), new('b', 64), new('b', 65),
        new('b', 130), "\\n", new string('b', 15) + "\\\"", new string('b', 63) + "\\\\" + new string('b', 70),
        new string('b', 61) + "\\u00e9" + new string('b', 3), "é日本😀\u007f" + new string('b', 60) + "\\/",
    ];

    [Test]
    public void Strings_at_every_offset_of_the_window_are_taped_identically([Range(0, 140)] int pad)
    {
        foreach (var body in s_bodies)
        {
            var json = $"[\"{new string('a', pad)}\",\"{body}\",\"x\",{{\"{body}\":\"{body}\"}},1]";
            var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(json), 64, out var difference);
            Assert.That(kind, Is.EqualTo(InputErrorKind.None), $"{difference}: {json}");
        }
    }

    [Test]
    public void Inputs_shorter_than_the_window_are_taped_identically([Range(0, 64)] int length)
    {
        // One string filling the input (an escape in its middle when there is room), then the same as a name.
        var body = length < 4 ? new string('a', length) : new string('a', (length - 2) / 2) + "\\t" + new string('a', length - 2 - ((length - 2) / 2));
        foreach (var json in new[] { $"\"{body}\"", $"{{\"{body}\":\"\"}}", $" \"{body}\" " })
        {
            var kind = TapeDifferential.Compare(Encoding.UTF8.GetBytes(json), 64, out var difference);
            Assert.That(kind, Is.EqualTo(InputErrorKind.None), $"{difference}: {json}");
        }
    }

    [Test]
    public void A_raw_control_character_is_refused_at_its_byte_wherever_it_falls([Range(0, 140)] int at)
    {
        const string Prefix = "[\"x\",\"";
        TapeDifferential.AssertRefusedAt($"{Prefix}{new string('a', at)}\u001f{new string('a', 20)}\"]", Prefix.Length + at);
        TapeDifferential.AssertRefusedAt($"\"{new string('a', at)}\n\"", 1 + at);
    }

    [Test]
    public void An_unterminated_string_is_refused_at_the_end_of_the_input([Range(0, 140)] int length)
    {
        var json = $"[\"x\",\"{new string('a', length)}";
        TapeDifferential.AssertRefusedAt(json, json.Length);
        TapeDifferential.AssertRefusedAt($"{json}\\", json.Length + 1);
        TapeDifferential.AssertRefusedAt($"{json}\\u00", json.Length + 4);
    }

    [Test]
    public void A_bad_escape_is_refused_at_its_second_byte_wherever_it_falls([Range(0, 140)] int at)
    {
        const string Prefix = "[\"x\",\"";
        TapeDifferential.AssertRefusedAt($"{Prefix}{new string('a', at)}\\q{new string('a', 20)}\"]", Prefix.Length + at + 1);
        TapeDifferential.AssertRefusedAt($"{Prefix}{new string('a', at)}\\u12G4\"]", Prefix.Length + at + 4);
    }

    [Test]
    public void Both_vector_widths_mark_exactly_the_string_stops()
    {
        var random = new Random(20261206);
        var block = new byte[TapeScanner.WindowBytes];
        for (var round = 0; round < 2_000; round++)
        {
            // Mostly bytes near the stops (0x00-0x23, 0x5B-0x5D) and the top of the range, so every bit is exercised.
            for (var k = 0; k < block.Length; k++)
            {
                block[k] = random.Next(4) switch
                {
                    0 => (byte)random.Next(0x00, 0x24),
                    1 => (byte)random.Next(0x5B, 0x5E),
                    2 => (byte)random.Next(0x7F, 0x100),
                    _ => (byte)random.Next(0x20, 0x7F),
                };
            }

            var expected = 0UL;
            for (var k = 0; k < block.Length; k++)
            {
                if (block[k] is (byte)'"' or (byte)'\\' or < 0x20)
                {
                    expected |= 1UL << k;
                }
            }

            Assert.Multiple(() =>
            {
                Assert.That(TapeScanner.StringStops(block), Is.EqualTo(expected), Convert.ToHexString(block));
                Assert.That(TapeScanner.StringStopsBy16(block), Is.EqualTo(expected), Convert.ToHexString(block));
            });
        }
    }
}
