using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Weighting;
using Shouldly;
using TorchSharp;
using Xunit;

namespace MyWeighting.Tests;

public sealed class InverseLossWeightingTests
{
    /// <summary>A context with given losses: all the scheme asks of it.</summary>
    private sealed class Losses(long step, Dictionary<string, double> losses) : IWeightingContext
    {
        public TensorSpec Spec => TensorSpec.Float64Cpu;
        public long Step => step;
        public bool PointsChanged => false;
        public IReadOnlyList<Condition> Conditions { get; } = losses.Keys.Select(name => new Condition(
            name, new Box([0.0], [1.0]), DerivativeRequest.ValueOnly, inputs => inputs.Points[.., 0])).ToArray();
        public IReadOnlyDictionary<string, double> Multipliers => losses.Keys.ToDictionary(k => k, _ => 1.0);
        public double Loss(string condition) => losses[condition];
        public torch.Tensor Gradient(string condition) => throw new NotSupportedException();
        public double KernelTrace(string condition, int maxPoints) => throw new NotSupportedException();
        public torch.Tensor Points(string condition) => throw new NotSupportedException();
        public torch.Tensor SquaredResiduals(string condition) => throw new NotSupportedException();
    }

    private static ILossWeighting Create(string json)
    {
        var factory = new InverseLossWeightingFactory();
        var parsed = factory.ParseOptions(JsonDocument.Parse(json).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return factory.Create(parsed.Options!, new WeightingSetup(TensorSpec.Float64Cpu, null!, 0)); // this scheme never looks at the problem
    }

    [Fact]
    public void EveryWeightedLossBecomesTheMeanLoss()
    {
        var update = Create("{}").Update(new Losses(0, new() { ["interior"] = 4.0, ["boundary"] = 0.01, ["initial"] = 0.5 }))!;
        var mean = (4.0 + 0.01 + 0.5) / 3;
        update.Multipliers!["interior"].ShouldBe(mean / 4.0, 1e-15);
        update.Multipliers["boundary"].ShouldBe(mean / 0.01, 1e-12);
        update.Multipliers["initial"].ShouldBe(mean / 0.5, 1e-15);
    }

    [Fact]
    public void AConditionWithZeroLossKeepsItsMultiplier()
        => Create("{}").Update(new Losses(0, new() { ["interior"] = 2.0, ["boundary"] = 0.0 }))!.Multipliers!.Keys.ShouldBe(["interior"]);

    [Fact]
    public void NothingChangesBetweenUpdates()
    {
        var weighting = Create("""{ "every": 5 }""");
        weighting.Update(new Losses(3, new() { ["interior"] = 1.0 })).ShouldBeNull();
        weighting.Update(new Losses(5, new() { ["interior"] = 1.0 })).ShouldNotBeNull();
    }

    [Fact]
    public void ANonPositiveIntervalIsRefused()
        => new InverseLossWeightingFactory().ParseOptions(JsonDocument.Parse("""{ "every": 0 }""").RootElement)
                                            .Errors.ShouldHaveSingleItem().Field.ShouldBe("every");
}
