using Pinn.Optimizers.NaturalGradient.LevenbergMarquardt;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>Levenberg–Marquardt: the Gauss–Newton step as λ → 0, and λ follows the gain ratio.</summary>
public sealed class LevenbergMarquardtTests
{
    [Fact]
    public void With_vanishing_damping_one_step_lands_on_the_least_squares_solution()
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 71);
        var optimizer = new LevenbergMarquardtOptimizer(new LevenbergMarquardtOptions { InitialDamping = 1e-18, MinDamping = 0 });
        optimizer.Step(problem.Model).StepSize.ShouldBe(1.0);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void On_a_linear_problem_the_gain_ratio_is_one_and_damping_falls_by_a_third_per_step()
    {
        // The linear model is exact, so ρ = 1 and Nielsen's rule divides λ by 3; the error contracts.
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 72);
        var optimizer = new LevenbergMarquardtOptimizer(new LevenbergMarquardtOptions { InitialDamping = 1 });
        var first = optimizer.Step(problem.Model);
        first.Diagnostics["rho"].ShouldBe(1.0, 1e-9);
        var second = optimizer.Step(problem.Model);
        second.Diagnostics["damping"].ShouldBe(first.Diagnostics["damping"] / 3, 1e-12);
        for (var i = 0; i < 40; i++) optimizer.Step(problem.Model);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }
}
