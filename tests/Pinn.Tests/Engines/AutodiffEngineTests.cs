using Pinn.Abstractions.Derivatives;
using Pinn.Operators.Autodiff;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Engines;

/// <summary>
/// The autodiff engine against closed forms: a one-hidden-layer network u(x) = Σⱼ vⱼ σ(wⱼ·x + bⱼ) + c has
/// ∂_α u = Σⱼ vⱼ σ^(|α|)(aⱼ) Πᵢ wⱼᵢ^αᵢ; with σ = sin this is a trigonometric field. And against itself:
/// the Laplacian is the sum of the pure second partials, mixed partials commute.
/// </summary>
public sealed class AutodiffEngineTests
{
    private static torch.Tensor ClosedForm(Pinn.Abstractions.Models.Mlp net, torch.Tensor x, int[] axes)
    {
        var (w, b) = (net.Layers[0].Weight.detach(), net.Layers[0].Bias.detach());
        var v = net.Layers[1].Weight.detach()[0];
        var a = x.matmul(w.t()) + b;                                  // [N, h]
        var sigma = net.Activation.Derivatives(a, axes.Length)[axes.Length];
        var factor = torch.ones_like(w[.., 0]);
        foreach (var i in axes) factor = factor * w[.., i];
        var u = (sigma * (v * factor)).sum(1, keepdim: true);
        return axes.Length == 0 ? u + net.Layers[1].Bias.detach() : u;
    }

    public static TheoryData<int[]> Partials() => new()
    {
        Array.Empty<int>(), new[] { 0 }, new[] { 2 }, new[] { 0, 0 }, new[] { 0, 1 }, new[] { 1, 2, 2 }, new[] { 0, 0, 0, 0 }, new[] { 0, 1, 1, 2, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Partials))]
    public void Partials_match_the_closed_form_of_a_sine_network(int[] axes)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(3, [16], "sin", 7);
        var x = Networks.Points(50, 3, 8);
        var key = PartialDerivative.Of(axes);
        var result = new AutodiffEngine().Evaluate(net, x, DerivativeRequest.Of(key), differentiable: false);
        TensorAssert.RelativeError(result[key], ClosedForm(net, x, axes)).ShouldBeLessThan(1e-10);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sin")]
    [InlineData("softplus")]
    [InlineData("sigmoid")]
    [InlineData("silu")]
    public void Laplacian_matches_the_closed_form_and_the_sum_of_second_partials(string activation)
    {
        using var scope = torch.NewDisposeScope();
        using var shallow = Networks.Random(3, [16], activation, 11);
        var x = Networks.Points(40, 3, 12);
        var engine = new AutodiffEngine();
        var laplacian = engine.Evaluate(shallow, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), false).Laplacian();
        var closed = ClosedForm(shallow, x, [0, 0]) + ClosedForm(shallow, x, [1, 1]) + ClosedForm(shallow, x, [2, 2]);
        TensorAssert.RelativeError(laplacian, closed).ShouldBeLessThan(1e-10);

        using var deep = Networks.Random(3, [12, 10, 8], activation, 13);
        var keys = new DerivativeKey[]
        {
            LaplacianOperator.AllAxes, LaplacianOperator.Over(1, 2),
            PartialDerivative.Of(0, 0), PartialDerivative.Of(1, 1), PartialDerivative.Of(2, 2), PartialDerivative.Of(0, 1),
        };
        var all = engine.Evaluate(deep, x, DerivativeRequest.Of(keys), false);
        TensorAssert.RelativeError(all.Laplacian(), all.Partial(0, 0) + all.Partial(1, 1) + all.Partial(2, 2)).ShouldBeLessThan(1e-12);
        TensorAssert.RelativeError(all.Laplacian(1, 2), all.Partial(1, 1) + all.Partial(2, 2)).ShouldBeLessThan(1e-12);

        // ∂₀∂₁ computed in the other order, through a separate evaluation of ∂₁ then ∂₀.
        var input = x.clone().requires_grad_();
        var u = deep.Forward(input);
        var d1 = torch.autograd.grad([u.sum()], [input], retain_graph: true, create_graph: true)[0][.., 1];
        var d10 = torch.autograd.grad([d1.sum()], [input])[0][.., 0..1];
        TensorAssert.RelativeError(all.Partial(0, 1), d10).ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void Second_derivatives_of_a_linear_network_are_exactly_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = Networks.Random(2, [], "tanh", 3);
        var x = Networks.Points(10, 2, 4);
        var result = new AutodiffEngine().Evaluate(linear, x, DerivativeRequest.Of(LaplacianOperator.AllAxes, PartialDerivative.Of(1)), false);
        result.Laplacian().abs().max().item<double>().ShouldBe(0.0);
        var w = linear.Layers[0].Weight.detach()[0, 1].item<double>();
        result.Partial(1).sub(w).abs().max().item<double>().ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void Differentiable_results_carry_gradients_to_the_parameters_and_others_do_not()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [8], "tanh", 5);
        var x = Networks.Points(10, 2, 6);
        var engine = new AutodiffEngine();
        engine.Evaluate(net, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), true).Laplacian().requires_grad.ShouldBeTrue();
        engine.Evaluate(net, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), false).Laplacian().requires_grad.ShouldBeFalse();
    }
}
