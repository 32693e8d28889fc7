using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Models;

/// <summary>
/// Trainable activation slopes σ(n·a·z) (LAAF, GAAF): a network starts as the plain one, every engine's derivatives equal
/// nested autograd through <see cref="Mlp.Forward"/> to 1e-10 with slopes away from their start, and the taped Jacobian,
/// slope columns included, equals the row-by-row one.
/// </summary>
public sealed class AdaptiveActivationTests
{
    private static Mlp Network(bool global, ulong seed = 91)
    {
        var net = new Mlp(2, [7, 6], 2, Activation.FromName("tanh"), TensorSpec.Float64Cpu, null, new AdaptiveActivation(global, Factor: 5));
        using var g = new torch.Generator(seed, torch.CPU);
        net.Initialize(Initialization.Normal, 1.0, g);
        using var noGrad = torch.no_grad();
        for (var i = 0; i < net.Slopes.Count; i++) net.Slopes[i].fill_(0.13 + 0.11 * i);    // n·a = 0.65, 1.2: away from 1
        return net;
    }

    [Theory]
    [InlineData("layer")]
    [InlineData("global")]
    public void A_network_with_slopes_starts_as_the_plain_network(string scope)
    {
        using var scope_ = torch.NewDisposeScope();
        using var adaptive = new Mlp(2, [7, 6], 1, Activation.FromName("tanh"), TensorSpec.Float64Cpu, null, new AdaptiveActivation(scope == "global"));
        using var plain = new Mlp(2, [7, 6], 1, Activation.FromName("tanh"), TensorSpec.Float64Cpu);
        using (var g = new torch.Generator(92, torch.CPU)) adaptive.Initialize(Initialization.Normal, 1.0, g);
        using (var g = new torch.Generator(92, torch.CPU)) plain.Initialize(Initialization.Normal, 1.0, g);
        adaptive.Slopes.Count.ShouldBe(scope == "global" ? 1 : 2);
        adaptive.Slopes.ShouldAllBe(a => Math.Abs(a.item<double>() - 0.1) < 1e-17);
        var x = Networks.Points(8, 2, 93);
        TensorAssert.RelativeError(adaptive.Forward(x), plain.Forward(x)).ShouldBeLessThan(1e-15);
    }

    [Theory]
    [InlineData("forward-laplacian", false)]
    [InlineData("forward-laplacian", true)]
    [InlineData("n-tangentprop", false)]
    [InlineData("n-tangentprop", true)]
    public void Every_engine_differentiates_through_the_slopes_as_nested_autograd_does(string engineName, bool global)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(global);
        var x = Networks.Points(9, 2, 94);
        var keys = new List<DerivativeKey> { PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1, 1) };
        if (engineName == "n-tangentprop") keys.AddRange([PartialDerivative.Of(1, 1, 1), PartialDerivative.Of(0, 0, 0, 0)]);
        else keys.AddRange([PartialDerivative.Of(0, 1), LaplacianOperator.AllAxes]);
        var request = new DerivativeRequest(keys);
        var exact = ExactDerivatives.Of(net.Forward, x, request);
        foreach (var differentiable in new[] { false, true })
        {
            var result = TestEngines.Named(engineName).Evaluate(net, x, request, differentiable);
            foreach (var key in keys)
                TensorAssert.RelativeError(result[key].detach(), exact[key]).ShouldBeLessThan(1e-10, $"{key}, differentiable: {differentiable}");
        }
    }

    [Theory]
    [InlineData("forward-laplacian", false)]
    [InlineData("n-tangentprop", true)]
    public void The_taped_jacobian_with_slope_columns_matches_the_row_by_row_jacobian(string engineName, bool global)
    {
        using var scope = torch.NewDisposeScope();
        var heat = new Heat1dProblem(new Heat1dOptions());
        using var g = new torch.Generator(95, torch.CPU);
        var net = new Mlp(2, [6, 5], 1, Activation.FromName("tanh"), TensorSpec.Float64Cpu, null, new AdaptiveActivation(global));
        net.Initialize(Initialization.Normal, 1.0, g);
        using var model = new ResidualModel(heat, net, TestEngines.Named(engineName));
        using (torch.no_grad()) net.Slopes[^1].fill_(0.17);
        foreach (var c in heat.Conditions)
            model.SetPoints(c.Name, Pinn.Abstractions.Sampling.DomainSampling.Sample(c.Domain, 12, (n, k) => torch.rand([n, k], torch.float64, generator: g)));
        model.ParameterCount.ShouldBe(net.ParameterCount + (global ? 1 : 2));
        model.ParameterGroups.Select(p => p.Name).ShouldBe(["layer0", "layer1", "layer2", "slopes"]);
        using var linearization = model.Linearize();
        var dense = linearization.Dense();
        var reference = model.ReferenceJacobian();
        TensorAssert.RelativeError(dense, reference).ShouldBeLessThan(1e-10);
        reference[.., ^1].abs().max().item<double>().ShouldBeGreaterThan(1e-3);           // the slope column is not trivially zero
        using var v = torch.randn([model.ParameterCount], torch.float64, generator: g);
        using var u = torch.randn([dense.shape[0]], torch.float64, generator: g);
        TensorAssert.RelativeError(linearization.Times(v), dense.matmul(v)).ShouldBeLessThan(1e-12);
        TensorAssert.RelativeError(linearization.TransposeTimes(u), dense.t().matmul(u)).ShouldBeLessThan(1e-12);
        net.Dispose();
    }

    [Fact]
    public void A_slope_factor_that_is_not_positive_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Mlp(2, [4], 1, Activation.FromName("tanh"), TensorSpec.Float64Cpu, null, new AdaptiveActivation(Factor: 0)))
              .Message.ShouldContain("the slope factor n must be positive and finite");
    }
}
