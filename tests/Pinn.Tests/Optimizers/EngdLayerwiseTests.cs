using Pinn.Abstractions.Optimization;
using Pinn.Optimizers.NaturalGradient.Engd;
using Pinn.Optimizers.NaturalGradient.EngdLayerwise;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>Layer-wise ENGD: each block solves its own least-squares problem.</summary>
public sealed class EngdLayerwiseTests
{
    [Theory]
    [InlineData(EngdSolve.Svd)]
    [InlineData(EngdSolve.Gramian)]
    public void With_one_group_it_is_the_full_Gauss_Newton_step(EngdSolve solve)
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 76);
        var optimizer = new EngdLayerwiseOptimizer(new EngdLayerwiseOptions { Solve = solve, Damping = 0 }, [new("all", 0, problem.Model.ParameterCount)]);
        optimizer.Step(problem.Model).StepSize.ShouldBe(1.0);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void Each_block_of_the_direction_is_the_least_squares_step_of_that_block_alone()
    {
        // Groups {w} and {b}: the direction's w part is J_w⁺r and its b part J_b⁺r, each computed alone.
        using var scope = torch.NewDisposeScope();
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 77);
        var model = problem.Model;
        var j = model.Jacobian();
        var r = model.Residuals(false);
        var before = model.GetParameters();
        ParameterGroup[] groups = [new("w", 0, 3), new("b", 3, 1)];
        var optimizer = new EngdLayerwiseOptimizer(new EngdLayerwiseOptions { Solve = EngdSolve.Svd, LineSearch = Pinn.Optimizers.NaturalGradient.LineSearch.LineSearchMode.FullGrid }, groups);
        var alpha = optimizer.Step(model).StepSize;
        alpha.ShouldBeGreaterThan(0);
        var direction = (before - model.GetParameters()) / alpha;
        foreach (var group in groups)
        {
            var block = j.narrow(1, group.Offset, group.Length);
            var expected = torch.linalg.lstsq(block, r.unsqueeze(1)).Solution.squeeze(1);
            TensorAssert.RelativeError(direction.narrow(0, group.Offset, group.Length), expected).ShouldBeLessThan(1e-10);
        }
    }
}
