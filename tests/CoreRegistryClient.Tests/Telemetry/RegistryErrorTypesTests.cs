using CoreRegistryClient.Caching;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Telemetry;

namespace CoreRegistryClient.Tests.Telemetry;

public class RegistryErrorTypesTests
{
    [Test]
    public void Every_registry_error_kind_has_its_own_error_type_label()
    {
        var labels = Enum.GetValues<RegistryErrorKind>().Select(RegistryErrorTypes.For).ToList();
        Assert.That(labels, Is.Unique);
        Assert.That(labels, Has.None.EqualTo("unknown"));
    }

    [Test]
    public void A_rejected_request_is_labelled_rejected() =>
        Assert.That(RegistryErrorTypes.For(new RegistryException("refused", RegistryErrorKind.Rejected, System.Net.HttpStatusCode.UnprocessableEntity)), Is.EqualTo("rejected"));

    [Test]
    public void A_rejected_request_is_not_an_outage() =>
        Assert.That(SchemaLoadErrors.From(RegistryErrorKind.Rejected).IsUnreachable(), Is.False);
}
