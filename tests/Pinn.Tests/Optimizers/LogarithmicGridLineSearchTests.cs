using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>The grid line search's walks agree on the grid minimum; starting from the previous α costs fewer losses.</summary>
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

    [Fact]
    public void A_rejected_search_forgets_the_previous_alpha()
    {
        var (problem, direction, loss) = Ray();
        using var _ = problem;
        var search = new LogarithmicGridLineSearch(3, LineSearchMode.FromPrevious) { PreviousIndex = 2 };

        var outcome = search.Search(problem.Model, -direction, loss);     // uphill: nothing on the grid lowers the loss

        outcome.Alpha.ShouldBe(0);
        search.PreviousIndex.ShouldBe(-1);
    }
}
