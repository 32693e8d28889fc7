using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Operators.Autodiff;
using Pinn.Optimizers.NaturalGradient.Engd;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>ENGD = Gauss–Newton: exact on linear least squares, and why the SVD route is the default.</summary>
public sealed class EngdTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static EngdOptimizer Engd(EngdSolve solve, double rcond = 1e-10) => new(new EngdOptions { Solve = solve, Rcond = rcond, Damping = 0 });

    [Theory]
    [InlineData(EngdSolve.Svd)]
    [InlineData(EngdSolve.Gramian)]
    public void One_step_on_a_linear_least_squares_problem_lands_on_its_solution(EngdSolve solve)
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 71);
        var report = Engd(solve).Step(problem.Model);
        report.StepSize.ShouldBe(1.0);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void On_an_ill_conditioned_problem_the_SVD_route_solves_to_1e_10_where_the_Gramian_cannot()
    {
        // J = U Σ Vᵀ (60 × 30) with singular values from 1 down to 1e-14, and r = J V c with c = 1: J d = r has
        // an exact solution, and its components along the small directions are small but not negligible.
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(73, torch.CPU);
        var (m, n) = (60, 30);
        var u = torch.linalg.qr(torch.randn([m, n], torch.float64, generator: g)).Q;
        var v = torch.linalg.qr(torch.randn([n, n], torch.float64, generator: g)).Q;
        var sigma = torch.pow(10.0, torch.linspace(0, -14, n, torch.float64));
        var j = u.matmul(torch.diag(sigma)).matmul(v.t());
        var r = u.matmul(sigma);
        double Misfit(torch.Tensor d) => (r - j.matmul(d)).norm().item<double>() / r.norm().item<double>();

        Misfit(Engd(EngdSolve.Svd, rcond: 1e-15).BySvd(j, r).Direction).ShouldBeLessThan(1e-10);
        // The Gramian squares the condition number to 1e28: it needs damping to factor at all, and the
        // damping (here as small as 1e-12, far below the default) wipes out every direction with σ² ≪ ε.
        var gramian = new EngdOptimizer(new EngdOptions { Solve = EngdSolve.Gramian, Damping = 1e-12 });
        Misfit(gramian.ByGramian(j, r).Direction).ShouldBeGreaterThan(1e-10);
    }

    [Fact]
    public void Engd_trains_poisson2d_below_1e_6_in_a_short_run()
    {
        ShortRun.Poisson2d(host, """{ "name": "engd" }""", """{ "steps": 90 }""").RelL2!.Value.ShouldBeLessThan(1e-6);
    }
}
