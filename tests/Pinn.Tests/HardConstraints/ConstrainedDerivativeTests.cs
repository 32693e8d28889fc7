using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Problems.Heat.HeatInverse;
using Pinn.Problems.Poisson.Poisson2d;
using Pinn.Problems.Poisson.PlateWithHoles;
using Pinn.Problems.Poisson.PoissonBoltzmann;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.HardConstraints;

/// <summary>
/// Derivatives of u = g + φ·N_θ served by every engine through a hard constraint equal nested autograd on the composed
/// function to 1e-10; the taped Jacobian through the constraint equals the row-by-row one; the replaced conditions hold
/// exactly for any θ.
/// </summary>
public sealed class ConstrainedDerivativeTests
{
    /// <summary>A constraint with a φ per output and a lift that is not zero, on two outputs in two dimensions.</summary>
    private static readonly HardConstraint TwoOutputs = new(["boundary"],
        x => torch.cat([(x[.., 0..1] * 3).sin() * x[.., 1..2].square(), (x[.., 0..1] - x[.., 1..2]).exp()], 1),
        x => torch.cat([x[.., 0..1] * x[.., 1..2], (x[.., 1..2] * 2).cos()], 1));

    /// <summary>∂^axes of column j of f(x) by nested autograd, [N].</summary>
    private static torch.Tensor Nested(Func<torch.Tensor, torch.Tensor> f, torch.Tensor x, int j, params int[] axes)
    {
        var input = x.detach().requires_grad_(true);
        var t = f(input)[.., j];
        foreach (var a in axes)
            t = torch.autograd.grad([t.sum()], [input], retain_graph: true, create_graph: true)[0][.., a];
        return t.detach();
    }

    public static TheoryData<string> Engines() => ["autodiff", "forward-laplacian", "n-tangentprop"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Partials_laplacians_and_second_order_operators_of_the_constrained_output_match_nested_autograd(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Networks.Random(2, [7, 6], "tanh", 71, outputs: 2);
        var x = Networks.Points(9, 2, 72);
        var engine = ConstrainedTapingEngine.Wrap(TestEngines.Named(engineName), TwoOutputs);
        var op = SecondOrderOperator.Of(new[,] { { 1.5, 0.25 }, { 0.25, 2.0 } });
        var keys = new List<DerivativeKey> { PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1), PartialDerivative.Of(1, 1) };
        // n-tangentprop propagates pure partials only: it gets a third order instead of mixed partials and operators.
        if (engineName != "n-tangentprop") keys.AddRange([PartialDerivative.Of(0, 1), LaplacianOperator.AllAxes, op]);
        else keys.Add(PartialDerivative.Of(0, 0, 0));
        var result = engine.Evaluate(net, x, new DerivativeRequest(keys), differentiable: false);

        torch.Tensor U(torch.Tensor p) => TwoOutputs.Apply(p, net.Forward(p));
        for (var j = 0; j < 2; j++)
        {
            TensorAssert.RelativeError(result.Value[.., j], Nested(U, x, j)).ShouldBeLessThan(1e-12);
            TensorAssert.RelativeError(result.Partial(0)[.., j], Nested(U, x, j, 0)).ShouldBeLessThan(1e-10);
            TensorAssert.RelativeError(result.Partial(1)[.., j], Nested(U, x, j, 1)).ShouldBeLessThan(1e-10);
            TensorAssert.RelativeError(result.Partial(1, 1)[.., j], Nested(U, x, j, 1, 1)).ShouldBeLessThan(1e-10);
            if (engineName == "n-tangentprop")
            {
                TensorAssert.RelativeError(result.Partial(0, 0, 0)[.., j], Nested(U, x, j, 0, 0, 0)).ShouldBeLessThan(1e-10);
                continue;
            }
            TensorAssert.RelativeError(result.Partial(0, 1)[.., j], Nested(U, x, j, 0, 1)).ShouldBeLessThan(1e-10);
            var uxx = Nested(U, x, j, 0, 0);
            var uyy = Nested(U, x, j, 1, 1);
            var uxy = Nested(U, x, j, 0, 1);
            TensorAssert.RelativeError(result.Laplacian()[.., j], uxx + uyy).ShouldBeLessThan(1e-10);
            TensorAssert.RelativeError(result[op][.., j], 1.5 * uxx + 0.5 * uxy + 2.0 * uyy).ShouldBeLessThan(1e-10);
        }
    }

    [Theory]
    [InlineData("forward-laplacian")]
    [InlineData("n-tangentprop")]
    public void The_taped_jacobian_through_a_hard_constraint_matches_the_row_by_row_jacobian(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        var heat = new Heat1dProblem(new Heat1dOptions());
        using var net = Networks.Random(2, [6, 5], "tanh", 73);
        using var model = new ResidualModel(heat, net, TestEngines.Named(engineName), null, heat.HardConstraint);
        using var g = new torch.Generator(74, torch.CPU);
        model.SetPoints("interior", heat.Conditions[0].Domain.Map(torch.rand([14, 2], torch.float64, generator: g)));
        model.Conditions.Select(c => c.Name).ShouldBe(["interior"]);
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Dense(), model.ReferenceJacobian()).ShouldBeLessThan(1e-10);
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
    }

    public static TheoryData<string> ConstrainedProblems() => ["poisson2d", "heat1d", "poisson2d-cg", "poisson2d-c", "heat-inverse"];

    private static IHardConstrainedProblem Constrained(string name) => name switch
    {
        "poisson2d" => new Poisson2dProblem(),
        "poisson2d-cg" => new PoissonBoltzmannProblem(),
        "poisson2d-c" => new PlateWithHolesProblem(),
        "heat-inverse" => new HeatInverseProblem(new HeatInverseOptions(), seed: 0),
        _ => new Heat1dProblem(new Heat1dOptions()),
    };

    [Theory]
    [MemberData(nameof(ConstrainedProblems))]
    public void The_replaced_conditions_hold_exactly_for_any_network(string name)
    {
        using var scope = torch.NewDisposeScope();
        var problem = Constrained(name);
        using var net = Networks.Random(problem.InputDimension, [8], "tanh", 75);
        var engine = ConstrainedTapingEngine.Wrap(new AutodiffEngine(), problem.HardConstraint);
        using var g = new torch.Generator(76, torch.CPU);
        foreach (var c in problem.Conditions.Where(c => problem.HardConstraint.Replaces.Contains(c.Name)))
        {
            var x = Pinn.Abstractions.Sampling.DomainSampling.Sample(c.Domain, 50, (n, k) => torch.rand([n, k], torch.float64, generator: g));
            var residual = c.Residual(new ResidualInputs(x, engine.Evaluate(net, x, c.Request, false), new Dictionary<string, torch.Tensor>()));
            residual.abs().max().item<double>().ShouldBeLessThan(1e-14, c.Name);
        }
    }

    [Theory]
    [MemberData(nameof(ConstrainedProblems))]
    public void The_constraints_distance_is_positive_and_finite_inside_the_domain(string name)
    {
        using var scope = torch.NewDisposeScope();
        var problem = Constrained(name);
        using var g = new torch.Generator(78, torch.CPU);
        var x = Pinn.Abstractions.Sampling.DomainSampling.Sample(problem.Conditions.Single(c => c.Name == "interior").Domain, 2000,
                                                                 (n, k) => torch.rand([n, k], torch.float64, generator: g));
        var phi = problem.HardConstraint.Distance(x);
        phi.min().item<double>().ShouldBeGreaterThan(0);
        phi.isfinite().all().item<bool>().ShouldBeTrue();
        problem.HardConstraint.Lift(x).isfinite().all().item<bool>().ShouldBeTrue();
    }

    [Fact]
    public void A_constraint_that_replaces_an_unknown_condition_or_every_condition_is_refused()
    {
        using var net = Networks.Random(2, [4], "tanh", 77);
        var poisson = new Poisson2dProblem();
        Should.Throw<ArgumentException>(() => new ResidualModel(poisson, net, new AutodiffEngine(), null, poisson.HardConstraint with { Replaces = ["lid"] }))
              .Message.ShouldBe("the hard constraint replaces condition 'lid', which the problem does not have (its conditions: interior, boundary)");
        Should.Throw<ArgumentException>(() => new ResidualModel(poisson, net, new AutodiffEngine(), null, poisson.HardConstraint with { Replaces = ["interior", "boundary"] }))
              .Message.ShouldContain("nothing is left to train on");
    }
}
