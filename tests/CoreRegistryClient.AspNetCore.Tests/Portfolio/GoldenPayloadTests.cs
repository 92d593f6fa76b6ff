using System.Net;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.Portfolio;

/// <summary>Every golden payload through every endpoint of the sample in off, warn and enforce.</summary>
[TestFixture("off")]
[TestFixture("warn")]
[TestFixture("enforce")]
public class GoldenPayloadTests(string mode)
{
    private PortfolioHost _host = null!;

    /// <summary>The keyword each invalid archetype fails on, the same on every endpoint.</summary>
    internal static readonly Dictionary<string, string> ArchetypeKeyword = new(StringComparer.Ordinal)
    {
        ["missing-required"] = "required",
        ["wrong-type"] = "type",
        ["out-of-range"] = "maximum",
        ["unknown-enum"] = "enum",
        ["extra-property"] = "additionalProperties",
    };

    public static IEnumerable<TestCaseData> Cases() =>
        PortfolioHost.Endpoints.SelectMany(endpoint => new[] { "valid", "invalid" }.SelectMany(kind =>
            PortfolioHost.Golden(endpoint, kind).Select(file => new TestCaseData(endpoint, kind, Path.GetFileNameWithoutExtension(file))
                .SetArgDisplayNames(endpoint, kind, Path.GetFileNameWithoutExtension(file)))));

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await PortfolioHost.StartAsync(mode);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    public async Task Golden_payload_gets_the_status_header_and_problem_its_mode_promises(string endpoint, string kind, string name)
    {
        var file = Path.Combine(PortfolioHost.Root, "golden", endpoint, kind, name + ".json");
        _host.Metrics.Clear();
        using var response = await _host.PostFileAsync(endpoint, file);
        var header = ValidationHeader.Of(response);
        var text = await response.Content.ReadAsStringAsync();
        var validations = _host.Metrics.Of("schema_http_validation");
        Assert.Multiple(() =>
        {
            if (mode == "off")
            {
                Assert.That(header, Is.Null);
                Assert.That(validations, Is.Empty);
                Assert.That((int)response.StatusCode, Is.Not.EqualTo(422));
                return;
            }

            Assert.That(header?["schema"], Is.EqualTo(PortfolioHost.SchemaOf(endpoint)));
            Assert.That(header?["mode"], Is.EqualTo(mode));
            Assert.That(validations.Single()["endpoint"], Is.EqualTo(PortfolioHost.PathOf(endpoint)));
            Assert.That(validations.Single()["mode"], Is.EqualTo(mode));
            if (kind == "valid")
            {
                Assert.That((int)response.StatusCode, Is.InRange(200, 299), text);
                Assert.That(header?.Result, Is.EqualTo("valid"));
                Assert.That(validations.Single()["outcome"], Is.EqualTo("valid"));
                return;
            }

            var malformed = name == "malformed";
            Assert.That(header?.Result, Is.EqualTo(malformed ? "malformed" : "invalid"));
            Assert.That(header?["errors"], Is.EqualTo("1"));
            Assert.That(validations.Single()["outcome"], Is.EqualTo(malformed ? "malformed" : "invalid"));
            Assert.That(_host.Metrics.Of("schema_http_validation_errors").Single()["error_count"], Is.EqualTo("1"));
            if (mode == "warn")
            {
                Assert.That((int)response.StatusCode, Is.Not.EqualTo(422).And.Not.EqualTo(500), "warn never rejects; binding may still refuse a wrong type");
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("application/problem+json"));
                return;
            }

            if (malformed)
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
                Assert.That(ProblemSchemas.ErrorsAgainstMalformedShape(text), Is.Empty, text);
                return;
            }

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(ProblemSchemas.ErrorsAgainstInvalidShape(text), Is.Empty, text);
            var error = ProblemSchemas.Parse(text).GetProperty("errors")[0];
            Assert.That(error.GetProperty("keywordLocation").GetString(), Does.EndWith("/" + ArchetypeKeyword[name]));
        });
    }

    [Test]
    public async Task The_three_endpoints_answer_each_archetype_alike()
    {
        var archetypes = ArchetypeKeyword.Keys.Append("malformed");
        foreach (var archetype in archetypes)
        {
            var answers = new List<string>();
            foreach (var endpoint in PortfolioHost.Endpoints)
            {
                using var response = await _host.PostFileAsync(endpoint, Path.Combine(PortfolioHost.Root, "golden", endpoint, "invalid", archetype + ".json"));
                var header = ValidationHeader.Of(response);
                var text = await response.Content.ReadAsStringAsync();
                var keyword = response.StatusCode == HttpStatusCode.UnprocessableEntity
                    ? ProblemSchemas.Parse(text).GetProperty("errors")[0].GetProperty("keywordLocation").GetString()!.Split('/')[^1]
                    : "";
                var status = mode == "enforce" ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "passed";
                answers.Add($"{status} {header?.Result} {header?["errors"]} {keyword}");
            }

            Assert.That(answers.Distinct().Count(), Is.EqualTo(1), $"{archetype}: {string.Join(" | ", answers)}");
        }
    }
}
