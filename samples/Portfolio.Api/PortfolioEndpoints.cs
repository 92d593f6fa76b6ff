using CoreRegistryClient.Samples.Portfolio.Contracts;

namespace CoreRegistryClient.Samples.Portfolio;

/// <summary>The three endpoints. Each binds its body as usual; validation has run before binding. In warn (and
/// off) mode an invalid body still arrives here, so the handlers tolerate missing members.</summary>
internal static class PortfolioEndpoints
{
    public static void MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/monte-carlo/simulations", (MonteCarloSimulationRequest request) =>
            {
                var assets = request.Assets ?? [];
                var expected = assets.Sum(a => a?.Weight * a?.ExpectedReturn ?? 0);
                var id = "SIM-" + Guid.NewGuid().ToString("N")[..12];
                return TypedResults.Accepted($"/monte-carlo/simulations/{id}",
                    new SimulationAccepted(id, request.PortfolioId ?? "", request.Paths, request.HorizonDays, Math.Round(expected, 6)));
            })
            .WithName("SubmitSimulation")
            .ValidateSchema(PortfolioApi.SimulationSchema);

        // A route group: its endpoints validate like any other (the group itself may carry ValidateSchema too).
        var portfolio = app.MapGroup("/portfolio").WithTags("Portfolio");
        portfolio.MapPost("/strategies", (StrategyRequest request) =>
                TypedResults.Created($"/portfolio/strategies/{Slug(request.Name)}",
                    new StrategyCreated("STR-" + Guid.NewGuid().ToString("N")[..12], request.Name ?? "", request.Objective ?? "", request.Universe?.Count ?? 0)))
            .WithName("CreateStrategy")
            .ValidateSchema(PortfolioApi.StrategySchema);

        app.MapPost("/allocations", (AllocationRequest request) =>
            {
                var orders = (request.Targets ?? []).Where(t => t is not null)
                    .Select(t => new PlannedOrder(t.Symbol ?? "", Math.Round(request.Cash * (decimal)t.Weight, 2)))
                    .ToList();
                return TypedResults.Ok(new AllocationPlan(request.AccountId ?? "", request.Cash, orders.Sum(o => o.Notional), orders));
            })
            .WithName("Allocate")
            .ValidateSchema(PortfolioApi.AllocationSchema);
    }

    private static string Slug(string? name) =>
        new string((name ?? "strategy").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
}
