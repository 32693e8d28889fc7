using System.Text.Json;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Tensors;
using Shouldly;
using TorchSharp;
using Xunit;

namespace MyOptimizer.Tests;

public sealed class MomentumDescentTests
{
    private static readonly MomentumDescentFactory Factory = new();

    /// <summary>A well-conditioned problem: A = Q·diag(1 … 2) with orthonormal Q [40, 6], so ∇²L has eigenvalues 1 … 4.</summary>
    private static LinearLeastSquares Problem()
    {
        var generator = new torch.Generator(7);
        var q = torch.linalg.qr(torch.randn(40, 6, dtype: torch.float64, generator: generator)).Q;
        var a = q * torch.linspace(1.0, 2.0, 6, dtype: torch.float64);
        return new LinearLeastSquares(a, torch.randn(40, dtype: torch.float64, generator: generator));
    }

    private static IOptimizer Create(string json, LinearLeastSquares model)
    {
        var parsed = Factory.ParseOptions(JsonDocument.Parse(json).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return Factory.Create(parsed.Options!, new OptimizerContext(TensorSpec.Float64Cpu, model.ParameterCount));
    }

    [Fact]
    public void DefaultOptionsReachTheLeastSquaresSolution()
    {
        var model = Problem();
        var optimizer = Create("{}", model);
        for (var step = 0; step < 600; step++) optimizer.Step(model);
        (model.GetParameters() - model.Minimiser).norm().item<double>().ShouldBeLessThan(1e-8);
    }

    [Fact]
    public void ResumingFromTheStateDictContinuesTheSameTrajectory()
    {
        var straight = Problem();
        var first = Create("""{ "lr": 0.05 }""", straight);
        for (var step = 0; step < 20; step++) first.Step(straight);

        var resumed = Problem();
        var before = Create("""{ "lr": 0.05 }""", resumed);
        for (var step = 0; step < 10; step++) before.Step(resumed);
        var after = Create("""{ "lr": 0.05 }""", resumed);
        after.LoadStateDict(before.StateDict());
        for (var step = 0; step < 10; step++) after.Step(resumed);

        (resumed.GetParameters() - straight.GetParameters()).abs().max().item<double>().ShouldBe(0.0);
    }

    [Fact]
    public void OptionsOutOfRangeAreReportedTogether()
    {
        var parsed = Factory.ParseOptions(JsonDocument.Parse("""{ "lr": -1, "momentum": 1 }""").RootElement);
        parsed.Options.ShouldBeNull();
        parsed.Errors.Select(e => e.Field).ShouldBe(["lr", "momentum"], ignoreOrder: true);
    }
}
