using System.Text.Json;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Tensors;
using Pinn.Optimizers.FirstOrder.Adam;
using Pinn.Optimizers.FirstOrder.Sgd;
using Pinn.Optimizers.QuasiNewton.Lbfgs;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary><c>clipNorm</c> of sgd, adam and lbfgs: the gradient is scaled to the norm c when it is longer, never otherwise.</summary>
public sealed class GradientClippingTests
{
    private static readonly OptimizerContext Context = new(TensorSpec.Float64Cpu, 2);

    /// <summary>∇L at Rosenbrock's usual start (−1.2, 1): ‖∇L‖ ≈ 232.9.</summary>
    private static (RosenbrockResiduals Model, torch.Tensor Gradient) Start()
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        return (model, model.LossAndGradient().Gradient);
    }

    [Fact]
    public void Sgd_steps_along_the_gradient_scaled_to_the_clip_norm_and_logs_the_norm_before()
    {
        var (model, gradient) = Start();
        var before = model.GetParameters();
        var report = new SgdOptimizer(new SgdOptions { Lr = 1e-3, ClipNorm = 0.5 }, Context).Step(model);
        var step = model.GetParameters() - before;
        (step + 1e-3 * 0.5 * gradient / gradient.norm()).abs().max().item<double>().ShouldBeLessThan(1e-15);
        report.Diagnostics["unclippedGradientNorm"].ShouldBe(gradient.norm().item<double>(), 1e-12);

        // A gradient shorter than the clip norm is used as it is.
        var (unclipped, g) = Start();
        var start = unclipped.GetParameters();
        new SgdOptimizer(new SgdOptions { Lr = 1e-3, ClipNorm = 1e4 }, Context).Step(unclipped);
        (unclipped.GetParameters() - start + 1e-3 * g).abs().max().item<double>().ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void Adam_accumulates_its_moments_from_the_clipped_gradient()
    {
        var (model, gradient) = Start();
        var adam = new AdamOptimizer(new AdamOptions { ClipNorm = 2.0 }, Context);
        adam.Step(model);
        var clipped = gradient * (2.0 / gradient.norm().item<double>());
        var state = adam.StateDict();
        (state["m"] - 0.1 * clipped).abs().max().item<double>().ShouldBeLessThan(1e-15);
        (state["v"] - 0.001 * clipped * clipped).abs().max().item<double>().ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void Lbfgs_with_clipped_evaluations_still_minimises_Rosenbrock()
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var optimizer = new LbfgsOptimizer(new LbfgsOptions { ClipNorm = 10 });
        var clippedAtTheStart = model.LossAndGradient().Gradient.norm().item<double>() > 10;
        for (var i = 0; i < 300 && model.DistanceToMinimum > 1e-10; i++)
            if (optimizer.Step(model).StopReason is not null) break;
        clippedAtTheStart.ShouldBeTrue();
        model.DistanceToMinimum.ShouldBeLessThan(1e-8);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("lbfgs")]
    public void A_clip_norm_that_is_not_positive_is_refused(string optimizer)
    {
        var catalog = Pinn.Host.Plugins.PluginCatalog.Load([RepositoryRoot.Plugins]);
        var factory = catalog.Find(Pinn.Abstractions.Plugins.PluginKind.Optimizer, optimizer)[0].Factory;
        factory.ParseOptions(JsonDocument.Parse("""{ "clipNorm": 0 }""").RootElement).Errors.ShouldHaveSingleItem().Field.ShouldBe("clipNorm");
        factory.ParseOptions(JsonDocument.Parse("""{ "clipNorm": 1.5 }""").RootElement).Errors.ShouldBeEmpty();
    }
}
