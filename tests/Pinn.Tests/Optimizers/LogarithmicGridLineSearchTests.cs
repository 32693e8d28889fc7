using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>The grid line search's walks agree on the grid minimum; starting from the previous α costs fewer losses, and
/// the parabola through the slope fewer still.</summary>
public sealed class LogarithmicGridLineSearchTests
{
    /// <summary>On a linear least-squares problem, −d = 32·(θ* − θ) puts the exact minimum along the ray at α = 2⁻⁵.</summary>
    private static (LinearLeastSquares Problem, torch.Tensor Direction, double Loss) Ray()
    {
        var problem = new LinearLeastSquares([1, 3, 0.5], points: 30, seed: 9);
        var direction = (problem.Model.GetParameters() - problem.Solution) * 32;
        return (problem, direction, problem.Model.LossesAlong(direction, [0.0]).item<double>());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    [InlineData(8)]
    public void From_the_previous_alpha_it_finds_the_grid_minimum_of_the_first_minimum_walk_in_fewer_evaluations(int previous)
    {
        var (problem, direction, loss) = Ray();
        using var _ = problem;
        var reference = new LogarithmicGridLineSearch(31, LineSearchMode.FirstMinimum).Search(problem.Model, direction, loss);
        var warm = new LogarithmicGridLineSearch(31, LineSearchMode.FromPrevious) { PreviousIndex = previous };

        var outcome = warm.Search(problem.Model, direction, loss);

        reference.Alpha.ShouldBe(Math.Pow(2, -5));
        outcome.Alpha.ShouldBe(reference.Alpha);
        outcome.Loss.ShouldBe(reference.Loss, 1e-12 * Math.Abs(reference.Loss));
        warm.PreviousIndex.ShouldBe(5);
        if (previous == 5) outcome.Evaluations.ShouldBeLessThan(reference.Evaluations);
    }

    /// <summary>dL(θ − αd)/dα at α = 0 = −∇L·d.</summary>
    private static double Slope(LinearLeastSquares problem, torch.Tensor direction)
    {
        var (_, gradient) = problem.Model.LossAndGradient();
        using (gradient) return -gradient.dot(direction).item<double>();
    }

    [Theory]
    [InlineData(5, 1)]      // α stays: the loss there only
    [InlineData(4, 2)]      // one grid point too long: L there equals L₀ (the ray is symmetric about 2⁻⁵), so the parabola's minimum next
    [InlineData(6, 2)]      // one too short
    [InlineData(2, 2)]      // far too long: the loss there is not lower, the search restarts at the parabola's minimum
    [InlineData(-1, 2)]     // the first step starts at α = 1
    [InlineData(9, 5)]      // far too short: up one grid point per evaluation
    public void The_parabolic_walk_finds_the_grid_minimum_of_a_quadratic_ray_in_one_evaluation_per_grid_point_it_moves(int previous, int evaluations)
    {
        var (problem, direction, loss) = Ray();
        using var _ = problem;
        var reference = new LogarithmicGridLineSearch(31, LineSearchMode.FullGrid).Search(problem.Model, direction, loss);
        var search = new LogarithmicGridLineSearch(31, LineSearchMode.Parabolic) { PreviousIndex = previous };

        var outcome = search.Search(problem.Model, direction, loss, Slope(problem, direction));

        reference.Alpha.ShouldBe(Math.Pow(2, -5));
        outcome.Alpha.ShouldBe(reference.Alpha);
        outcome.Loss.ShouldBe(reference.Loss, 1e-12 * Math.Abs(reference.Loss));
        outcome.Evaluations.ShouldBe(evaluations);
        search.PreviousIndex.ShouldBe(5);
    }

    [Fact]
    public void Without_a_descent_slope_the_parabolic_walk_is_the_from_previous_walk()
    {
        var (problem, direction, loss) = Ray();
        using var _ = problem;
        var fromPrevious = new LogarithmicGridLineSearch(31, LineSearchMode.FromPrevious) { PreviousIndex = 3 }.Search(problem.Model, direction, loss);

        var unknown = new LogarithmicGridLineSearch(31, LineSearchMode.Parabolic) { PreviousIndex = 3 }.Search(problem.Model, direction, loss);
        var uphill = new LogarithmicGridLineSearch(31, LineSearchMode.Parabolic) { PreviousIndex = 3 }.Search(problem.Model, direction, loss, -Slope(problem, direction));

        unknown.ShouldBe(fromPrevious);
        uphill.ShouldBe(fromPrevious);
    }

    [Fact]
    public void A_rejected_search_forgets_the_previous_alpha()
    {
        var (problem, direction, loss) = Ray();
        using var _ = problem;
        var search = new LogarithmicGridLineSearch(3, LineSearchMode.FromPrevious) { PreviousIndex = 2 };

        var outcome = search.Search(problem.Model, -direction, loss);     // uphill: nothing on the grid lowers the loss
        var parabolic = new LogarithmicGridLineSearch(3, LineSearchMode.Parabolic) { PreviousIndex = 2 };
        var wrongSlope = parabolic.Search(problem.Model, -direction, loss, Slope(problem, direction));   // a slope that claims descent

        outcome.Alpha.ShouldBe(0);
        search.PreviousIndex.ShouldBe(-1);
        wrongSlope.Alpha.ShouldBe(0);
        wrongSlope.Loss.ShouldBe(loss);
        parabolic.PreviousIndex.ShouldBe(-1);
    }
}
