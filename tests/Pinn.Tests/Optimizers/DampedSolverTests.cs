using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.Spectral;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>The two solvers of the damped Gauss–Newton system agree: the SVD filter V diag(σ/(σ² + λ)) Uᵀr and
/// the Cholesky solve of JᵀJ + λI, with the linear model's predicted reduction computed each way.</summary>
public sealed class DampedSolverTests
{
    [Theory]
    [InlineData(1e-1)]
    [InlineData(1e-3)]
    [InlineData(1e-6)]
    public void The_SVD_and_the_Gramian_give_the_same_damped_step_and_predicted_reduction(double relative)
    {
        using var scope = torch.NewDisposeScope();
        var (j, r) = RandomSystem(40, 12, 91);
        using var svd = JacobianSvd.Of(j, r);
        using var gramian = new GramianSolver(j, r, floor: 0);
        var lambda = relative * svd.Scale;

        var (bySvd, predictedBySvd) = svd.Solve(lambda);
        var (byGramian, predictedByGramian) = gramian.Solve(lambda);

        ((bySvd - byGramian).norm().item<double>() / bySvd.norm().item<double>()).ShouldBeLessThan(1e-12);
        predictedByGramian.ShouldBe(predictedBySvd, 1e-12 * predictedBySvd);
        // The predicted reduction is ½‖r‖² − ½‖r − J d‖², evaluated directly.
        var direct = 0.5 * (r.dot(r) - (r - j.matmul(bySvd)).square().sum()).item<double>();
        predictedBySvd.ShouldBe(direct, 1e-10 * direct);
    }

    [Fact]
    public void The_Gramian_scale_is_its_largest_diagonal_entry_and_bounds_sigma_max_squared_from_below()
    {
        using var scope = torch.NewDisposeScope();
        var (j, r) = RandomSystem(30, 8, 92);
        using var svd = JacobianSvd.Of(j, r);
        using var gramian = new GramianSolver(j, r, floor: 0);
        gramian.Scale.ShouldBe(j.square().sum([0L]).max().item<double>(), 1e-12 * gramian.Scale);
        gramian.Scale.ShouldBeLessThanOrEqualTo(svd.Scale * (1 + 1e-12));
    }

    /// <summary>A Gaussian J [m, d] and r [m] from <paramref name="seed"/>.</summary>
    private static (torch.Tensor J, torch.Tensor R) RandomSystem(int m, int d, ulong seed)
    {
        using var g = new torch.Generator(seed, torch.CPU);
        return (torch.randn([m, d], torch.float64, generator: g), torch.randn([m], torch.float64, generator: g));
    }
}
