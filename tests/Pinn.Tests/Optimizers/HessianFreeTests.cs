using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Tensors;
using Pinn.Optimizers.NaturalGradient.HessianFree;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>Hessian-free: CG on the Gauss–Newton system converges in at most D iterations on a linear problem.</summary>
public sealed class HessianFreeTests
{
    [Fact]
    public void Without_damping_CG_reaches_the_least_squares_solution_within_D_iterations()
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5, 3], 50, 74);
        var d = problem.Model.ParameterCount;
        var optimizer = new HessianFreeOptimizer(new HessianFreeOptions { InitialDamping = 0, MinDamping = 0, MaxCgIterations = (int)d, CgTolerance = 1e-14 },
                                                 new OptimizerContext(TensorSpec.Float64Cpu, d));
        var report = optimizer.Step(problem.Model);
        report.StepSize.ShouldBe(1.0);
        report.Diagnostics["cgIterations"].ShouldBeLessThanOrEqualTo(d);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conjugate_gradient_solves_the_damped_normal_equations_and_keeps_iterates_on_the_geometric_schedule(bool reorthogonalize)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(75, torch.CPU);
        var j = torch.randn([80, 30], torch.float64, generator: g);
        var r = torch.randn(80, torch.float64, generator: g);
        const double lambda = 0.1;
        var (iterates, iterations) = ConjugateGradient.Solve(v => j.matmul(v), u => j.t().matmul(u), r, lambda, torch.zeros(30, torch.float64), 30, 0, reorthogonalize);
        iterations.ShouldBe(30);
        iterates.Select(i => i.Iteration).ShouldBe([1, 2, 3, 4, 6, 8, 11, 15, 20, 26, 30]);
        // Well-conditioned and damped: D = 30 iterations solve (JᵀJ + λI)x = Jᵀr to rounding.
        var expected = torch.linalg.solve(j.t().matmul(j) + lambda * torch.eye(30, dtype: torch.float64), j.t().matmul(r));
        TensorAssert.RelativeError(iterates[^1].X, expected).ShouldBeLessThan(1e-10);
        var q = r - j.matmul(iterates[^1].X);
        iterates[^1].ModelLoss.ShouldBe(0.5 * q.dot(q).item<double>(), 1e-12);
    }
}
