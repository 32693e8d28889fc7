using Pinn.Optimizers.NaturalGradient.Anagram;
using Pinn.Optimizers.NaturalGradient.Spectral;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>ANaGRAM: the truncated-SVD natural gradient, and how the adaptive cutoff moves.</summary>
public sealed class AnagramTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void Without_a_cutoff_one_step_lands_on_the_least_squares_solution()
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 78);
        var optimizer = new AnagramOptimizer(new AnagramOptions { Cutoff = CutoffPolicy.Fixed, Rcond = 0 });
        optimizer.Step(problem.Model).StepSize.ShouldBe(1.0);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    /// <summary>A diagonal Jacobian with singular values <paramref name="sigma"/>, a residual with coordinates
    /// <paramref name="c"/> along them plus <paramref name="outside"/> in a direction J cannot reach.</summary>
    private static JacobianSvd Spectrum(double[] sigma, double[] c, double outside = 0)
    {
        using var scope = torch.NewDisposeScope();
        var j = torch.cat([torch.diag(torch.tensor(sigma, torch.float64)), torch.zeros([1, sigma.Length], torch.float64)], 0);
        return JacobianSvd.Of(j, torch.tensor([.. c, outside], torch.float64));
    }

    [Fact]
    public void The_ranks_follow_where_the_reconstruction_error_crosses_the_spectrum_and_the_tolerance()
    {
        // M = 5 rows, so σ is compared as σ·√5. Reconstruction errors n = (1.00005, 0.01, 1e-4, 0) against
        // σ√5 = (2.24, 2.2e-3, 2.2e-6, 2.2e-9): below at k = 0 and 3, so rank₁ = 2; above ε = 1e-3 at k = 0, 1: rank₂ = 2.
        var rule = new AdaptiveCutoff(new AnagramOptions { ResidualTolerance = 1e-3 });
        var diagnostics = new Dictionary<string, double>();
        using var svd = Spectrum([1, 1e-3, 1e-6, 1e-9], [1, 1, 1e-2, 1e-4]);
        var (large, small) = rule.Ranks(svd, 5, diagnostics);
        diagnostics["rank1"].ShouldBe(2);
        diagnostics["rank2"].ShouldBe(2);
        diagnostics["rankMin"].ShouldBe(2);
        diagnostics["rankMax"].ShouldBe(2);      // 2 + the elbow of (1e-6, 1e-9): too short to have one
        diagnostics["liftoff"].ShouldBe(1);
        (large, small).ShouldBe((3, 3));         // "rank k" keeps k + 1 modes
    }

    [Fact]
    public void Before_lift_off_the_large_rank_grows_by_one_while_the_small_rank_stands_still()
    {
        // Half of r lies outside J's columns: n = 1 for every k. σ√7 = (2.6, 1.3, 0.66, …): rank₁ = 2, rank₂ = 6.
        // log σ beyond rank 2 drops sharply after 0.25: the elbow puts r_max at 2 + 1.
        var rule = new AdaptiveCutoff(new AnagramOptions());
        var diagnostics = new Dictionary<string, double>();
        using var svd = Spectrum([1, 0.5, 0.25, 1e-8, 1e-9, 1e-10], [1, 0, 0, 0, 0, 0], outside: 1);
        rule.Ranks(svd, 7, diagnostics).ShouldBe((4, 3));
        rule.Ranks(svd, 7, diagnostics).ShouldBe((5, 3));
        rule.Ranks(svd, 7, diagnostics).ShouldBe((6, 3));
        rule.Ranks(svd, 7, diagnostics).ShouldBe((6, 3));   // capped by the number of modes
        diagnostics["liftoff"].ShouldBe(0);
    }

    [Fact]
    public void The_elbow_is_the_point_furthest_below_the_chord_of_log_sigma()
    {
        AdaptiveCutoff.Elbow([1, 0.5, 0.25, 1e-8, 1e-9, 1e-10], 2).ShouldBe(1);
        AdaptiveCutoff.Elbow([1, 0.9, 0.8, 1e-5], 0).ShouldBe(0);    // every point above the chord: no elbow
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("adaptive")]
    public void A_short_run_lowers_poisson2d_relative_L2_below_1e_3(string cutoff)
    {
        ShortRun.Poisson2d(host, $$"""{ "name": "anagram", "options": { "cutoff": "{{cutoff}}" } }""", """{ "steps": 200 }""").RelL2!.Value.ShouldBeLessThan(1e-3);
    }
}
