using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Symmetry;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Problems.Burgers.Burgers;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Symmetry;

/// <summary>
/// Networks made symmetric by <see cref="Reflection"/>s: the output has the promised parities exactly, every engine's
/// derivatives through the residual model's engine (tapes included) equal nested autograd through <see cref="Mlp.Forward"/>
/// to 1e-10, and arguments that make no sense are refused.
/// </summary>
public sealed class ReflectedNetworkTests
{
    private static readonly Reflection[] TwoReflections =
    [
        new(1, [Parity.Odd, Parity.Even], Center: 0.25),
        new(0, [Parity.Even, Parity.Odd]),
    ];

    private static Mlp Network(IReadOnlyList<Reflection> reflections, int outputs, ulong seed = 91)
    {
        using var g = new torch.Generator(seed, torch.CPU);
        var net = new Mlp(2, [7, 6], outputs, Activation.FromName("tanh"), TensorSpec.Float64Cpu, null, null, reflections);
        net.Initialize(Initialization.Normal, 1.0, g);
        return net;
    }

    [Fact]
    public void The_network_has_every_parity_it_is_given_exactly()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(TwoReflections, outputs: 2);
        var x = Networks.Points(15, 2, 92);
        var u = net.Forward(x);
        var mirroredY = x * torch.tensor(new[] { 1.0, -1.0 }, torch.float64) + torch.tensor(new[] { 0.0, 0.5 }, torch.float64);
        var mirroredT = x * torch.tensor(new[] { -1.0, 1.0 }, torch.float64);
        var odd = torch.tensor(new[] { -1.0, 1.0 }, torch.float64);
        (net.Forward(mirroredY) - u * odd).abs().max().item<double>().ShouldBeLessThan(1e-14);
        (net.Forward(mirroredT) + u * odd).abs().max().item<double>().ShouldBeLessThan(1e-14);
        u.abs().max().item<double>().ShouldBeGreaterThan(1e-3);                        // not the zero function
    }

    public static TheoryData<string> Engines() => new() { "autodiff", "forward-laplacian", "n-tangentprop" };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_engine_differentiates_the_symmetric_network_as_nested_autograd_does(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(TwoReflections, outputs: 2);
        var x = Networks.Points(9, 2, 93);
        var keys = new List<DerivativeKey> { PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1), PartialDerivative.Of(1, 1) };
        if (engineName == "n-tangentprop") keys.AddRange([PartialDerivative.Of(1, 1, 1), PartialDerivative.Of(0, 0, 0)]);
        else keys.AddRange([PartialDerivative.Of(0, 1), LaplacianOperator.AllAxes, SecondOrderOperator.Of(new[,] { { 1.5, 0.0 }, { 0.0, 2.0 } })]);
        var request = new DerivativeRequest(keys);
        var exact = ExactDerivatives.Of(net.Forward, x, request);
        var engine = ReflectedTapingEngine.Wrap(TestEngines.Named(engineName), net);
        foreach (var differentiable in new[] { false, true })
        {
            var result = engine.Evaluate(net, x, request, differentiable);
            foreach (var key in keys)
                TensorAssert.RelativeError(result[key].detach(), exact[key]).ShouldBeLessThan(1e-10, $"{key}, differentiable: {differentiable}");
        }
    }

    [Theory]
    [InlineData("forward-laplacian", false)]
    [InlineData("forward-laplacian", true)]
    [InlineData("n-tangentprop", false)]
    public void The_taped_jacobian_of_a_symmetric_network_matches_the_row_by_row_jacobian(string engineName, bool hardConstraint)
    {
        using var scope = torch.NewDisposeScope();
        var burgers = new BurgersProblem(new BurgersOptions(), Path.GetTempPath());
        using var net = Network([new Reflection(1, [Parity.Odd])], outputs: 1);
        using var model = new ResidualModel(burgers, net, TestEngines.Named(engineName), null, hardConstraint ? burgers.HardConstraint : null);
        using var g = new torch.Generator(94, torch.CPU);
        foreach (var c in model.Conditions)
            model.SetPoints(c.Name, Pinn.Abstractions.Sampling.DomainSampling.Sample(c.Domain, 12, (n, k) => torch.rand([n, k], torch.float64, generator: g)));
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Dense(), model.ReferenceJacobian()).ShouldBeLessThan(1e-10);
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
    }

    [Fact]
    public void A_second_order_operator_that_mixes_a_mirrored_input_with_another_is_refused()
    {
        using var net = Network([new Reflection(1, [Parity.Odd])], outputs: 1);
        var engine = ReflectedTapingEngine.Wrap(TestEngines.Named("forward-laplacian"), net);
        engine.Unsupported(SecondOrderOperator.Of(new[,] { { 1.0, 0.5 }, { 0.5, 1.0 } }))
              .ShouldBe("u_x0x1-terms: Σ c_ij ∂_ij u mixes terms of both signs under the reflection of input 1".Replace("u_x0x1-terms: Σ c_ij ∂_ij u", SecondOrderOperator.Of(new[,] { { 1.0, 0.5 }, { 0.5, 1.0 } }).ToString()));
        engine.Unsupported(SecondOrderOperator.Of(new[,] { { 0.0, 0.5 }, { 0.5, 0.0 } })).ShouldBeNull();   // all terms odd: one sign
        engine.Unsupported(LaplacianOperator.AllAxes).ShouldBeNull();
    }

    [Fact]
    public void A_forward_engine_called_directly_on_a_symmetric_network_refuses_it_rather_than_differentiate_the_raw_network()
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network([new Reflection(1, [Parity.Odd])], outputs: 1);
        var engine = TestEngines.Named("forward-laplacian");
        engine.UnsupportedNetwork(net)!.ShouldStartWith("the network has reflections (model.symmetry)");
        Should.Throw<ArgumentException>(() => engine.Evaluate(net, Networks.Points(3, 2, 95), DerivativeRequest.ValueOnly, false))
              .Message.ShouldStartWith("the network has reflections");
        ReflectedTapingEngine.Wrap(engine, net).UnsupportedNetwork(net).ShouldBeNull();      // as the residual model serves it
    }

    [Fact]
    public void Reflections_that_do_not_fit_the_network_are_refused()
    {
        Should.Throw<ArgumentException>(() => Network([new Reflection(2, [Parity.Odd])], 1)).Message.ShouldStartWith("a reflection acts on input 2, the inputs are 0 … 1");
        Should.Throw<ArgumentException>(() => Network([new Reflection(0, [Parity.Odd])], 2)).Message.ShouldStartWith("a reflection of input 0 gives 1 parities for 2 outputs");
        Should.Throw<ArgumentException>(() => Network([new Reflection(0, [Parity.Odd]), new Reflection(0, [Parity.Even])], 1)).Message.ShouldStartWith("input 0 is reflected twice");
        Should.Throw<ArgumentException>(() => Network([new Reflection(0, [Parity.Odd], double.NaN)], 1)).Message.ShouldStartWith("a reflection of input 0 has a centre that is not finite");
    }
}
