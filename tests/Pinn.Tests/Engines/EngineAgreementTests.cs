using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Engines;

/// <summary>
/// The forward-mode engines agree with nested autodiff to 1e-10 relative (float64) on every quantity they
/// serve: random networks of depth 1–4, every activation, input dimension 1, 2 and 5.
/// </summary>
public sealed class EngineAgreementTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string, int, int> Networks()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var activation in Activation.Names)
        foreach (var depth in new[] { 1, 2, 3, 4 })
        foreach (var d in new[] { 1, 2, 5 })
            data.Add(activation, depth, d);
        return data;
    }

    private static Mlp Network(string activation, int depth, int d)
        => Support.Networks.Random(d, Enumerable.Repeat(10, depth).ToArray(), activation, (ulong)(depth * 100 + d));

    private static void ShouldAgree(Derivatives actual, Derivatives expected, IEnumerable<DerivativeKey> keys)
    {
        foreach (var key in keys)
            TensorAssert.RelativeError(actual[key], expected[key]).ShouldBeLessThan(Tolerance, key.ToString());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_laplacian_agrees_with_autodiff_on_every_quantity_it_serves(string activation, int depth, int d)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(activation, depth, d);
        var x = Support.Networks.Points(20, d, 31);
        var keys = new List<DerivativeKey> { PartialDerivative.Value, LaplacianOperator.AllAxes };
        for (var i = 0; i < d; i++)
        {
            keys.Add(PartialDerivative.Of(i));
            keys.Add(PartialDerivative.Of(i, i));
        }
        if (d >= 2)
        {
            keys.Add(PartialDerivative.Of(0, 1));
            keys.Add(PartialDerivative.Of(d - 1, 0));
            keys.Add(LaplacianOperator.Over(Enumerable.Range(1, d - 1).ToArray()));
        }
        keys.Add(SecondOrderOperator.Of(RandomSymmetric(d, 5)));
        var request = DerivativeRequest.Of(keys.ToArray());
        var expected = new AutodiffEngine().Evaluate(net, x, request, differentiable: false);
        ShouldAgree(new ForwardLaplacianEngine().Evaluate(net, x, request, differentiable: false), expected, keys);
        ShouldAgree(new ForwardLaplacianEngine().Evaluate(net, x, request, differentiable: true), expected, keys);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Tangent_prop_agrees_with_autodiff_on_pure_partials_up_to_order_6(string activation, int depth, int d)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(activation, depth, d);
        var x = Support.Networks.Points(12, d, 37);
        var axes = d == 5 ? new[] { 0, 3 } : Enumerable.Range(0, d).ToArray();
        var keys = new List<DerivativeKey> { PartialDerivative.Value };
        foreach (var axis in axes)
            for (var k = 1; k <= 6; k++)
                keys.Add(PartialDerivative.Of(Enumerable.Repeat(axis, k).ToArray()));
        var request = DerivativeRequest.Of(keys.ToArray());
        var expected = new AutodiffEngine().Evaluate(net, x, request, differentiable: false);
        ShouldAgree(new TangentPropEngine(12).Evaluate(net, x, request, differentiable: false), expected, keys);
    }

    [Theory]
    [InlineData("tanh", 3)]
    [InlineData("sin", 2)]
    [InlineData("softplus", 5)]
    [InlineData("sigmoid", 2)]
    [InlineData("silu", 3)]
    public void Parameter_gradients_through_the_forward_engines_match_autodiff(string activation, int d)
    {
        // The forward Laplacian's activation step has a hand-written backward: pin it against autograd
        // through nested autodiff, for a plain Laplacian (unit weights) and a general operator.
        using var scope = torch.NewDisposeScope();
        using var net = Support.Networks.Random(d, [9, 7], activation, 61);
        var x = Support.Networks.Points(16, d, 62);
        var keys = new DerivativeKey[]
        {
            PartialDerivative.Value, PartialDerivative.Of(0), LaplacianOperator.AllAxes, SecondOrderOperator.Of(RandomSymmetric(d, 63)),
            PartialDerivative.Of(0, d - 1),
        };
        var parameters = net.Parameters.ToArray();
        torch.Tensor[] Gradients(IDerivativeEngine engine, DerivativeKey[] keys)
        {
            var result = engine.Evaluate(net, x, DerivativeRequest.Of(keys), differentiable: true);
            var loss = keys.Select((k, i) => (result[k].square() * (i + 1)).sum()).Aggregate((a, b) => a + b);
            return torch.autograd.grad([loss], parameters).ToArray();
        }
        // Two operators (the general weighted path); the Laplacian alone, and a Laplacian over all axes but the first beside
        // the first derivative (one operator with a zero weight), both on the fused step of a single operator.
        var spatial = LaplacianOperator.Over(Enumerable.Range(1, d - 1).ToArray());
        foreach (var request in new[]
                 {
                     keys, [PartialDerivative.Value, PartialDerivative.Of(0), LaplacianOperator.AllAxes],
                     [PartialDerivative.Value, PartialDerivative.Of(0), spatial],
                 })
        {
            var expected = Gradients(new AutodiffEngine(), request);
            var actual = Gradients(new ForwardLaplacianEngine(), request);
            for (var i = 0; i < parameters.Length; i++)
                TensorAssert.RelativeError(actual[i], expected[i]).ShouldBeLessThan(Tolerance, $"parameter {i} of {request.Length} quantities");
        }
        var pure = DerivativeRequest.Of(PartialDerivative.Of(0, 0, 0), PartialDerivative.Of(d - 1));
        torch.Tensor[] PureGradients(IDerivativeEngine engine)
        {
            var result = engine.Evaluate(net, x, pure, differentiable: true);
            // + 0·Σθ: the output bias does not reach a derivative, and autograd aborts on unused inputs.
            var loss = result.Partial(0, 0, 0).square().sum() + result.Partial(d - 1).sum() + parameters.Select(p => p.sum()).Aggregate((a, b) => a + b) * 0.0;
            return torch.autograd.grad([loss], parameters).ToArray();
        }
        var expectedPure = PureGradients(new AutodiffEngine());
        var actualPure = PureGradients(new TangentPropEngine(6));
        for (var i = 0; i < parameters.Length; i++)
            TensorAssert.RelativeError(actualPure[i], expectedPure[i]).ShouldBeLessThan(Tolerance, $"parameter {i}");
    }

    [Fact]
    public void Tangent_prop_up_to_order_2_without_a_tape_takes_reverse_mode_with_the_same_values_and_parameter_gradients()
    {
        // Orders ≤ 2 without a tape go through nested reverse mode; with a tape (and from order 3) through Taylor mode.
        using var scope = torch.NewDisposeScope();
        using var net = Support.Networks.Random(3, [9, 7], "tanh", 47, outputs: 2);
        var x = Support.Networks.Points(14, 3, 48);
        var keys = new DerivativeKey[] { PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(2, 2), PartialDerivative.Of(1, 1) };
        var request = new DerivativeRequest(keys).And(DerivativeRequest.Of(PartialDerivative.Of(1)).ForOutputs(1));
        var engine = new TangentPropEngine(4);
        var reverse = engine.Evaluate(net, x, request, differentiable: true);
        var taylor = engine.Evaluate(net, x, request, new LayerTape());
        var expected = new AutodiffEngine().Evaluate(net, x, request, differentiable: false);
        foreach (var key in request.Keys)
        {
            TensorAssert.RelativeError(reverse[key].detach(), expected[key]).ShouldBeLessThan(Tolerance, key.ToString());
            TensorAssert.RelativeError(taylor[key].detach(), expected[key]).ShouldBeLessThan(Tolerance, key.ToString());
        }
        reverse[PartialDerivative.Of(1)].shape.ShouldBe([14L, 1L]);                          // output 1 only, as requested
        engine.Evaluate(net, x, request, differentiable: false)[PartialDerivative.Of(2, 2)].requires_grad.ShouldBeFalse();
        var parameters = net.Parameters.ToArray();
        torch.Tensor[] Gradients(Pinn.Abstractions.Derivatives.Derivatives result)
        {
            var loss = keys.Select((k, i) => (result[k].square() * (i + 1)).sum()).Aggregate((a, b) => a + b) + result[PartialDerivative.Of(1)].sum();
            return torch.autograd.grad([loss], parameters, retain_graph: true).ToArray();
        }
        var (fromReverse, fromTaylor) = (Gradients(reverse), Gradients(taylor));
        for (var i = 0; i < parameters.Length; i++)
            TensorAssert.RelativeError(fromReverse[i], fromTaylor[i]).ShouldBeLessThan(Tolerance, $"parameter {i}");
    }

    [Fact]
    public void Tangent_prop_reaches_order_10_in_agreement_with_autodiff()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Support.Networks.Random(1, [8, 8], "tanh", 41);
        var x = Support.Networks.Points(10, 1, 42);
        var keys = Enumerable.Range(7, 4).Select(k => (DerivativeKey)PartialDerivative.Of(new int[k])).ToArray();
        var request = DerivativeRequest.Of(keys);
        ShouldAgree(new TangentPropEngine(12).Evaluate(net, x, request, false), new AutodiffEngine().Evaluate(net, x, request, false), keys);
    }

    [Fact]
    public void Forward_engines_need_no_graph_when_not_differentiable()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Support.Networks.Random(2, [8], "tanh", 43);
        var x = Support.Networks.Points(10, 2, 44);
        new ForwardLaplacianEngine().Evaluate(net, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), false).Laplacian().requires_grad.ShouldBeFalse();
        new ForwardLaplacianEngine().Evaluate(net, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), true).Laplacian().requires_grad.ShouldBeTrue();
        new TangentPropEngine(4).Evaluate(net, x, DerivativeRequest.Of(PartialDerivative.Of(1, 1, 1)), false).Partial(1, 1, 1).requires_grad.ShouldBeFalse();
    }

    [Fact]
    public void Engines_state_what_they_cannot_serve()
    {
        new ForwardLaplacianEngine().Unsupported(PartialDerivative.Of(0, 0, 0, 0))!.ShouldContain("up to order 2");
        new TangentPropEngine(12).Unsupported(PartialDerivative.Of(0, 1))!.ShouldContain("mixed");
        new TangentPropEngine(12).Unsupported(LaplacianOperator.AllAxes)!.ShouldContain("pure partials");
        new TangentPropEngine(6).Unsupported(PartialDerivative.Of(new int[7]))!.ShouldContain("maxOrder");
        new TangentPropEngine(6).Unsupported(PartialDerivative.Of(new int[6])).ShouldBeNull();
    }

    private static double[,] RandomSymmetric(int d, int seed)
    {
        var random = new Random(seed);
        var c = new double[d, d];
        for (var i = 0; i < d; i++)
        for (var j = 0; j <= i; j++)
            c[i, j] = c[j, i] = random.NextDouble() * 2 - 1;
        return c;
    }
}
