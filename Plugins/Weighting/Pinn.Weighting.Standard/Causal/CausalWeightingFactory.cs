using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace Pinn.Weighting.Standard.Causal;

/// <summary>Exports causal weights; refuses a problem without a space-time condition.</summary>
[Plugin(PluginKind.Weighting, "causal", Description = "Causal training (Wang, Sankaran & Perdikaris 2022): time slices weighted exp(−ε Σ earlier losses)")]
public sealed class CausalWeightingFactory : WeightingFactory<CausalOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(CausalOptions options, WeightingSetup setup)
    {
        var conditions = setup.Problem.Conditions;
        var timed = conditions.Where(c => c.Domain is TimeSpaceProduct).Select(c => c.Name).ToArray();
        var condition = options.Condition is null
            ? conditions.FirstOrDefault(c => c.Domain is TimeSpaceProduct)
              ?? throw new ArgumentException($"causal weights need a time-dependent condition (a space-time domain), and none of the problem's conditions "
                                             + $"({string.Join(", ", conditions.Select(c => c.Name))}) has one")
            : conditions.FirstOrDefault(c => c.Name == options.Condition)
              ?? throw new ArgumentException($"condition: the problem has no condition '{options.Condition}' (its conditions: {string.Join(", ", conditions.Select(c => c.Name))})");
        if (condition.Domain is not TimeSpaceProduct product)
            throw new ArgumentException($"condition: '{condition.Name}' is not time-dependent (its domain is {condition.Domain}); "
                                        + (timed.Length > 0 ? $"time-dependent conditions: {string.Join(", ", timed)}" : "the problem has no time-dependent condition"));
        var (lower, upper) = product.Time.Bounds;
        return new CausalWeighting(options, condition, lower[0], upper[0]);
    }
}
