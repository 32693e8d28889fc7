using Pinn.Abstractions.Residuals;
using Pinn.Host.Training;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Training;

/// <summary>The discrepancy rule reads each condition's rms residual √(2·L_c/w_c) off the loss and asks all named ones.</summary>
public sealed class DiscrepancyPrincipleTests
{
    /// <summary>Observations (w = 100) and a PDE residual (w = 1); the losses are ½·w·rms².</summary>
    private static readonly ResidualBlock[] Blocks = [new("interior", 0, 2000, 2000, 1.0), new("observations", 2000, 2500, 2500, 100.0)];

    private static Dictionary<string, double> Losses(double interiorRms, double observationsRms) =>
        new() { ["interior"] = 0.5 * interiorRms * interiorRms, ["observations"] = 0.5 * 100 * observationsRms * observationsRms };

    [Fact]
    public void One_condition_counts_as_reached_at_or_below_its_level_and_not_above()
    {
        var levels = new Dictionary<string, double> { ["observations"] = 0.1 };
        DiscrepancyPrinciple.Reached(levels, Losses(3.0, 0.0999), Blocks).ShouldBe("discrepancy: observations rms 0.0999 ≤ 0.1");
        DiscrepancyPrinciple.Reached(levels, Losses(3.0, 0.1001), Blocks).ShouldBeNull();
    }

    [Fact]
    public void Every_named_condition_must_be_at_or_below_its_level()
    {
        var levels = new Dictionary<string, double> { ["observations"] = 0.1, ["interior"] = 0.05 };
        DiscrepancyPrinciple.Reached(levels, Losses(0.07, 0.098), Blocks).ShouldBeNull();      // data fitted before the PDE holds
        DiscrepancyPrinciple.Reached(levels, Losses(0.04, 0.11), Blocks).ShouldBeNull();
        DiscrepancyPrinciple.Reached(levels, Losses(0.04, 0.098), Blocks).ShouldBe("discrepancy: observations rms 0.098 ≤ 0.1, interior rms 0.04 ≤ 0.05");
    }

    [Fact]
    public void A_condition_whose_weight_is_zero_never_counts_as_reached()
    {
        var blocks = new[] { new ResidualBlock("observations", 0, 10, 10, 0.0) };
        DiscrepancyPrinciple.Reached(new Dictionary<string, double> { ["observations"] = 0.1 }, new Dictionary<string, double> { ["observations"] = 0.0 }, blocks)
            .ShouldBeNull();
    }
}
