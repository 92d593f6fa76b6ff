namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

public sealed record Order(string? OrderId, int Quantity, string? Side, string? Note = null);
