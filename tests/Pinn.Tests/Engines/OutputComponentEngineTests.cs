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
/// On a 3-output tanh network (float64) every engine serves requests restricted to output components: each
/// restricted tensor is [N, m_k], equal to 1e-10 relative to the matching columns of nested autodiff's unrestricted
/// result (and to the engine's own unrestricted result to rounding), for the value, first and second partials,
/// Laplacians and a second-order operator, alone and mixed in one request. Components ≥ m are refused before any
/// torch call, and autodiff runs backward passes only for the components requested.
/// </summary>
public sealed class OutputComponentEngineTests
{
    private const double Tolerance = 1e-10;
    private const int Outputs = 3;

    private static readonly int[][] ComponentSets = [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var engine in new[] { "autodiff", "forward-laplacian", "n-tangentprop" })
        foreach (var d in new[] { 2, 3 })
            data.Add(engine, d);
        return data;
    }

    private static IDerivativeEngine Engine(string name) => name switch
    {
        "autodiff" => new AutodiffEngine(),
        "forward-laplacian" => new ForwardLaplacianEngine(),
        _ => new TangentPropEngine(4),
    };

    private static Mlp Network(int d) => Networks.Random(d, [8, 6], "tanh", (ulong)(70 + d), Outputs);

    /// <summary>Every quantity of the suite the engine serves: value, partials of order 1–3, Laplacians, Σ cᵢⱼ∂ᵢⱼ.</summary>
    private static DerivativeKey[] Keys(IDerivativeEngine engine, int d)
    {
        var keys = new List<DerivativeKey> { PartialDerivative.Value, LaplacianOperator.AllAxes, LaplacianOperator.Over(1, d - 1),
                                             PartialDerivative.Of(0, 1), PartialDerivative.Of(0, 0, 0), SecondOrderOperator.Of(Symmetric(d)) };
        for (var i = 0; i < d; i++)
        {
            keys.Add(PartialDerivative.Of(i));
            keys.Add(PartialDerivative.Of(i, i));
        }
        return keys.Where(k => engine.Unsupported(k) is null).ToArray();
    }

    /// <summary>The columns <paramref name="components"/> of t [N, m].</summary>
    private static torch.Tensor Columns(torch.Tensor t, IReadOnlyList<int> components)
        => t.index_select(1, torch.tensor(components.Select(c => (long)c).ToArray()));

    private static void ShouldBeColumnsOf(Derivatives actual, Derivatives full, DerivativeRequest request, double tolerance)
    {
        foreach (var key in request.Keys)
        {
            var components = request.OutputsOf(key) ?? Enumerable.Range(0, Outputs).ToArray();
            actual[key].shape.ShouldBe(new long[] { actual[key].shape[0], components.Count }, $"{key}");
            TensorAssert.RelativeError(actual[key], Columns(full[key], components)).ShouldBeLessThanOrEqualTo(tolerance, $"{key}");
            foreach (var c in components)
                TensorAssert.RelativeError(actual.Output(key, c), full[key][.., c]).ShouldBeLessThanOrEqualTo(tolerance, $"{key} of output {c}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restricted_results_are_the_columns_of_the_unrestricted_autodiff_results(string engineName, int d)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(d);
        var x = Networks.Points(15, d, 73);
        var engine = Engine(engineName);
        var keys = Keys(engine, d);
        var all = DerivativeRequest.Of(keys);
        var reference = new AutodiffEngine().Evaluate(net, x, all, differentiable: false);
        foreach (var differentiable in new[] { false, true })
        {
            var own = engine.Evaluate(net, x, all, differentiable);
            ShouldBeColumnsOf(own, reference, all, Tolerance);
            foreach (var components in ComponentSets)
            {
                var restricted = all.ForOutputs(components);
                var actual = engine.Evaluate(net, x, restricted, differentiable);
                ShouldBeColumnsOf(actual, reference, restricted, Tolerance);
                ShouldBeColumnsOf(actual, own, restricted, 1e-15);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_request_mixing_component_sets_gets_each_key_its_own_columns(string engineName, int d)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(d);
        var x = Networks.Points(15, d, 74);
        var engine = Engine(engineName);
        var keys = Keys(engine, d);
        // Navier–Stokes-like: the value and first partials of every output, second-order terms of some.
        var firstOrder = keys.Where(k => k.Order <= 1).ToArray();
        var secondOrder = keys.Where(k => k.Order >= 2).ToArray();
        var request = DerivativeRequest.Of(firstOrder);
        for (var i = 0; i < secondOrder.Length; i++)
            request = request.And(DerivativeRequest.Of(secondOrder[i]).ForOutputs(ComponentSets[i % ComponentSets.Length]));
        request = request.And(DerivativeRequest.Of(PartialDerivative.Of(0)).ForOutputs(1));        // stays all outputs
        request.OutputsOf(PartialDerivative.Of(0)).ShouldBeNull();
        secondOrder.Select(k => string.Join(",", request.OutputsOf(k)!)).Distinct().Count().ShouldBeGreaterThan(1);
        var reference = new AutodiffEngine().Evaluate(net, x, DerivativeRequest.Of(keys), differentiable: false);
        ShouldBeColumnsOf(engine.Evaluate(net, x, request, differentiable: false), reference, request, Tolerance);
        ShouldBeColumnsOf(engine.Evaluate(net, x, request, differentiable: true), reference, request, Tolerance);
    }

    [Theory]
    [InlineData("autodiff")]
    [InlineData("forward-laplacian")]
    [InlineData("n-tangentprop")]
    public void A_component_beyond_the_network_outputs_is_refused_with_a_message(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(2);
        var x = Networks.Points(4, 2, 75);
        var request = DerivativeRequest.Of(PartialDerivative.Value).And(DerivativeRequest.Of(PartialDerivative.Of(1)).ForOutputs(1, 3));
        Should.Throw<ArgumentException>(() => Engine(engineName).Evaluate(net, x, request, differentiable: false))
              .Message.ShouldBe("u_x1 is requested for output component 3, but there are 3 outputs (components 0–2)");
        if (Engine(engineName) is ITapingDerivativeEngine taping)
            Should.Throw<ArgumentException>(() => taping.Evaluate(net, x, request, new LayerTape())).Message.ShouldContain("output component 3");
    }

    [Fact]
    public void Autodiff_runs_backward_passes_only_for_the_requested_components()
    {
        // d = 2, m = 3: a first partial of one component is one backward pass (it gives ∂₀ and ∂₁ at once), and
        // its Laplacian one more pass per axis: 3 per component.
        using var scope = torch.NewDisposeScope();
        using var net = Network(2);
        var x = Networks.Points(6, 2, 76);
        long Passes(DerivativeRequest request)
        {
            var engine = new AutodiffEngine();
            engine.Evaluate(net, x, request, differentiable: true);
            return engine.BackwardPasses;
        }
        var laplacian = DerivativeRequest.Of(LaplacianOperator.AllAxes);
        Passes(laplacian).ShouldBe(9);
        Passes(laplacian.ForOutputs(0)).ShouldBe(3);
        Passes(laplacian.ForOutputs(0, 2)).ShouldBe(6);
        Passes(DerivativeRequest.ValueOnly.ForOutputs(1)).ShouldBe(0);
        // First partials of all outputs and the Laplacian of two of them share the first-order passes.
        var gradient = DerivativeRequest.Of(PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1));
        Passes(gradient).ShouldBe(3);
        Passes(gradient.And(laplacian.ForOutputs(0, 1))).ShouldBe(3 + 4);
    }

    private static double[,] Symmetric(int d)
    {
        var random = new Random(77 + d);
        var c = new double[d, d];
        for (var i = 0; i < d; i++)
        for (var j = 0; j <= i; j++)
            c[i, j] = c[j, i] = random.NextDouble() * 2 - 1;
        return c;
    }
}
