using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Sampling;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Residuals;

/// <summary>
/// Neumann and Robin conditions receive the domain's outward normals, periodic pairs the derivatives at the image
/// points, point sets their fixed points; the residuals equal hand computations with autodiff, and the taped
/// Jacobian of such conditions equals the row-by-row autograd Jacobian to 1e-10.
/// </summary>
public sealed class ConditionKindsTests
{
    private static readonly PartialDerivative Ux = PartialDerivative.Of(0);
    private static readonly PartialDerivative Uy = PartialDerivative.Of(1);

    /// <summary>Poisson on a plate with a hole: Robin data on the hole, Neumann on the outer square, periodic in x
    /// between its left and right faces, and the value pinned at one point.</summary>
    private sealed class PlateWithEveryCondition : PdeProblem
    {
        public static readonly Shape Plate = new Box([0, 0], [2, 1]) { Name = "outer" } - new Ball([1, 0.5], 0.25) { Name = "hole" };

        public PlateWithEveryCondition() : base(["x", "y"], Plate)
        {
            Conditions =
            [
                new("interior", Plate, DerivativeRequest.Of(LaplacianOperator.AllAxes), i => i.Derivatives.Laplacian() + 1),
                new("robin", Plate.Boundary("hole"), DerivativeRequest.Of(PartialDerivative.Value, Ux, Uy),
                    i => 2 * i.Derivatives.Value[.., 0] + 0.5 * i.NormalDerivative() - 1),
                new("neumann", Plate.Boundary("outer.top", "outer.bottom"), DerivativeRequest.Of(Ux, Uy), i => i.NormalDerivative()),
                PeriodicCondition.Create("periodic", Plate.Boundary("outer.left"), 0, 2, DerivativeRequest.Of(PartialDerivative.Value, Ux)),
                new("pin", PointSet.Of(0.5, 0.5), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - 0.25),
            ];
        }

        public override bool HasSolution => false;

        public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    private static ResidualModel Model(IDerivativeEngine engine, int seed = 61)
    {
        var problem = new PlateWithEveryCondition();
        var model = new ResidualModel(problem, Networks.Random(2, [6, 5], "tanh", (ulong)seed), engine);
        using var g = new torch.Generator(62, torch.CPU);
        foreach (var c in problem.Conditions)
            model.SetPoints(c.Name, c.Domain is PointSet set ? set.Points(torch.float64, torch.CPU)
                                : DomainSampling.Sample(c.Domain, 12, (n, k) => torch.rand([n, k], torch.float64, generator: g)));
        return model;
    }

    /// <summary>u and ∇u [N, 2] of the network at x by plain autograd.</summary>
    private static (torch.Tensor U, torch.Tensor Gradient) ValueAndGradient(ResidualModel model, torch.Tensor x)
    {
        var input = x.detach().clone().requires_grad_();
        var u = model.Network.Forward(input);
        var gradient = torch.autograd.grad([u.sum()], [input])[0];
        return (u.detach()[.., 0], gradient.detach());
    }

    [Fact]
    public void Robin_and_neumann_residuals_use_the_outward_normal_of_their_piece()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        var hole = model.Points("robin");
        var (u, grad) = ValueAndGradient(model, hole);
        var normals = (torch.tensor(new[] { 1.0, 0.5 }) - hole) / 0.25;                        // into the hole
        var robin = 2 * u + 0.5 * (grad * normals).sum([1L]) - 1;
        TensorAssert.RelativeError(model.ResidualNorms("robin", hole), robin.abs()).ShouldBeLessThan(1e-13);

        var walls = model.Points("neumann");
        var (_, wallGrad) = ValueAndGradient(model, walls);
        var outward = torch.where(walls[.., 1].gt(0.5), 1.0, -1.0).to_type(torch.float64);
        TensorAssert.RelativeError(model.ResidualNorms("neumann", walls), (wallGrad[.., 1] * outward).abs()).ShouldBeLessThan(1e-13);
    }

    [Fact]
    public void A_periodic_pair_compares_the_value_and_derivative_one_period_apart()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        var left = model.Points("periodic");
        left[.., 0].abs().max().item<double>().ShouldBe(0);
        var (u, grad) = ValueAndGradient(model, left);
        var (u2, grad2) = ValueAndGradient(model, left + torch.tensor(new[] { 2.0, 0.0 }));
        var expected = torch.stack([u - u2, grad[.., 0] - grad2[.., 0]], 1).norm(1);
        TensorAssert.RelativeError(model.ResidualNorms("periodic", left), expected).ShouldBeLessThan(1e-13);
    }

    [Fact]
    public void A_point_set_condition_sits_at_its_fixed_point()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new AutodiffEngine());
        var pin = model.Points("pin");
        pin.data<double>().ToArray().ShouldBe([0.5, 0.5]);
        var (u, _) = ValueAndGradient(model, pin);
        model.ResidualNorms("pin", pin).item<double>().ShouldBe(Math.Abs(u.item<double>() - 0.25), 1e-14);
    }

    [Fact]
    public void The_taped_jacobian_of_normal_periodic_and_point_conditions_matches_the_autograd_jacobian()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new ForwardLaplacianEngine());
        using var autodiff = Model(new AutodiffEngine());
        autodiff.SetParameters(model.GetParameters());
        var reference = autodiff.ReferenceJacobian();
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Residuals, autodiff.Residuals(false)).ShouldBeLessThan(1e-12);
        TensorAssert.RelativeError(linearization.Dense(), reference).ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void Asking_for_normals_on_an_interior_domain_names_the_problem()
    {
        var problem = new PlateWithEveryCondition();
        var bad = problem.Conditions[0] with { Residual = i => i.NormalDerivative() };
        var inputs = new ResidualInputs(torch.zeros(2, 2), new Derivatives(new Dictionary<DerivativeKey, torch.Tensor>()), new Dictionary<string, torch.Tensor>());
        Should.Throw<InvalidOperationException>(() => bad.Residual(inputs)).Message.ShouldContain("no normals");
    }
}
