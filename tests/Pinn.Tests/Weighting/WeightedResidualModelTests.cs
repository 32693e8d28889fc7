using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Weighting;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Weighting;

/// <summary>
/// The residual model under a weighting scheme: multipliers and point weights scale the residual blocks (and so the exact
/// Jacobian), and what the context reports — each condition's loss, gradient and kernel trace — equals the same quantity
/// computed another way to 1e-10.
/// </summary>
public sealed class WeightedResidualModelTests
{
    private static readonly IProblem Heat = new Heat1dProblem(new Heat1dOptions());

    private static ResidualModel Model(IDerivativeEngine engine, ulong seed = 61)
    {
        var net = Networks.Random(2, [6, 5], "tanh", seed);
        var model = new ResidualModel(Heat, net, engine, new Dictionary<string, double> { ["initial"] = 3.0 });
        using var g = new torch.Generator(seed + 1, torch.CPU);
        foreach (var c in Heat.Conditions)
            model.SetPoints(c.Name, c.Domain.Map(torch.rand([12, c.Domain.SamplingDimension], torch.float64, generator: g)));
        return model;
    }

    private static torch.Tensor PointWeights(ulong seed) => torch.rand([12], torch.float64, generator: new torch.Generator(seed, torch.CPU)) * 2;

    [Fact]
    public void Multipliers_and_point_weights_scale_each_residual_by_their_square_root()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        var before = model.Residuals(false);
        var blocks = model.Blocks;
        var p = PointWeights(5);
        model.Apply(new WeightUpdate(new Dictionary<string, double> { ["boundary"] = 4.0 }, new Dictionary<string, torch.Tensor> { ["interior"] = p }));
        var after = model.Residuals(false);

        ReferenceEquals(model.Blocks, blocks).ShouldBeFalse();
        model.Blocks.Select(b => b.Weight).ShouldBe([1.0, 4.0, 3.0]);
        TensorAssert.RelativeError(after[..12], before[..12] * p.sqrt()).ShouldBeLessThan(1e-15);
        TensorAssert.RelativeError(after[12..24], before[12..24] * 2).ShouldBeLessThan(1e-15);
        TensorAssert.RelativeError(after[24..], before[24..]).ShouldBeLessThan(1e-15);
        model.Multipliers["boundary"].ShouldBe(4.0);
        TensorAssert.RelativeError(model.PointWeights("interior")!, p).ShouldBe(0);
    }

    [Fact]
    public void The_taped_jacobian_of_the_weighted_residuals_matches_the_row_by_row_jacobian()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new ForwardLaplacianEngine());
        model.Apply(new WeightUpdate(new Dictionary<string, double> { ["initial"] = 0.3, ["boundary"] = 7.0 },
                                     new Dictionary<string, torch.Tensor> { ["interior"] = PointWeights(9) }));
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
        TensorAssert.RelativeError(linearization.Dense(), model.ReferenceJacobian()).ShouldBeLessThan(1e-10);
    }

    [Theory]
    [InlineData("interior")]
    [InlineData("initial")]
    public void The_context_gradient_of_a_condition_is_the_gradient_of_the_loss_with_only_that_condition(string condition)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        model.Apply(new WeightUpdate(new Dictionary<string, double> { ["interior"] = 5.0 }, new Dictionary<string, torch.Tensor> { ["boundary"] = PointWeights(3) }));
        var context = model.WeightingContext(0, pointsChanged: false);
        var gradient = context.Gradient(condition);
        var loss = context.Loss(condition);

        // The same quantity another way: the model's own loss with every other condition weighted 0, its own multiplier 1.
        model.Apply(new WeightUpdate(Heat.Conditions.ToDictionary(c => c.Name, c => c.Name == condition ? 1.0 : 0.0),
                                     new Dictionary<string, torch.Tensor> { ["boundary"] = torch.ones(12, torch.float64) }));
        var (alone, reference) = model.LossAndGradient();
        TensorAssert.RelativeError(gradient, reference).ShouldBeLessThan(1e-12);
        loss.ShouldBe(alone.Total, 1e-14 * alone.Total);
        loss.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("autodiff", 100)]
    [InlineData("forward-laplacian", 100)]
    [InlineData("forward-laplacian", 5)]
    public void The_kernel_trace_is_the_mean_squared_norm_of_the_jacobian_rows(string engine, int maxPoints)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(engine == "autodiff" ? new AutodiffEngine() : new ForwardLaplacianEngine());
        var context = model.WeightingContext(0, pointsChanged: false);
        var jacobian = model.ReferenceJacobian();   // rows scaled by √(w_c / N_c)
        foreach (var block in model.Blocks)
        {
            var n = Math.Min(block.Points, maxPoints);
            var rows = jacobian.narrow(0, block.Offset, n);
            // Undo √(w/N) on the rows, then weigh by w: w · mean over the n points of ‖∂ε_i/∂θ‖².
            var expected = rows.square().sum().item<double>() * block.Points / block.Weight * block.Weight / n;
            context.KernelTrace(block.Condition, maxPoints).ShouldBe(expected, 1e-10 * expected);
        }
    }

    [Fact]
    public void Drawing_new_points_drops_their_point_weights()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        model.Apply(new WeightUpdate(PointWeights: new Dictionary<string, torch.Tensor> { ["interior"] = PointWeights(4) }));
        model.SetPoints("interior", model.Points("interior") * 0.5);
        model.PointWeights("interior").ShouldBeNull();
    }

    [Fact]
    public void A_bad_update_is_refused_and_changes_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        var before = model.Residuals(false);
        Should.Throw<ArgumentException>(() => model.Apply(new WeightUpdate(new Dictionary<string, double> { ["lid"] = 1.0 })))
              .Message.ShouldBe("weighting: no condition 'lid' (have: interior, boundary, initial)");
        Should.Throw<ArgumentException>(() => model.Apply(new WeightUpdate(new Dictionary<string, double> { ["interior"] = 2.0, ["boundary"] = -1.0 })))
              .Message.ShouldContain("the multiplier of 'boundary' is -1; it must be finite and ≥ 0");
        Should.Throw<ArgumentException>(() => model.Apply(new WeightUpdate(PointWeights: new Dictionary<string, torch.Tensor> { ["interior"] = torch.ones(11, torch.float64) })))
              .Message.ShouldContain("expected [12] (one per point)");
        Should.Throw<ArgumentException>(() => model.Apply(new WeightUpdate(new Dictionary<string, double> { ["interior"] = 2.0 },
                                                                           new Dictionary<string, torch.Tensor> { ["boundary"] = torch.full(12, double.NaN, torch.float64) })))
              .Message.ShouldContain("must be finite and ≥ 0");
        model.Multipliers.Values.ShouldAllBe(l => l == 1.0);
        TensorAssert.RelativeError(model.Residuals(false), before).ShouldBe(0);
    }
}
