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
    [Theory]
    [InlineData(CutoffPolicy.Fixed)]
    [InlineData(CutoffPolicy.Adaptive)]
    public void Without_a_cutoff_one_step_lands_on_the_least_squares_solution(CutoffPolicy policy)
    {
        using var problem = new LinearLeastSquares([1, 2, 0.5], 40, 78);
        var optimizer = new AnagramOptimizer(new AnagramOptions { Cutoff = policy, Rcond = 0, RcondFloor = 0 });
        optimizer.Step(problem.Model).StepSize.ShouldBe(1.0);
        problem.ErrorOfParameters().ShouldBeLessThan(1e-10);
    }

    /// <summary>A Jacobian with σ = 1, 1e-3, 1e-6, 1e-9 and a residual with coordinates <paramref name="c"/> along them.</summary>
    private static JacobianSvd Spectrum(double[] c)
    {
        using var scope = torch.NewDisposeScope();
        var j = torch.diag(torch.tensor(new[] { 1, 1e-3, 1e-6, 1e-9 }, torch.float64));
        return JacobianSvd.Of(j, torch.tensor(c, torch.float64));
    }

    [Fact]
    public void A_stall_with_the_residual_beyond_the_cutoff_lowers_it_and_a_failure_there_restores_it_as_a_floor()
    {
        var rule = new AdaptiveCutoff(new AnagramOptions { Rcond = 1e-4, Patience = 2 });
        var diagnostics = new Dictionary<string, double>();
        using (var svd = Spectrum([1e-6, 1e-6, 1, 1]))
        {
            rule.Rank(svd, 2 + 2e-12, diagnostics).ShouldBe(2);        // σ = 1, 1e-3 kept
            diagnostics["explained"].ShouldBeLessThan(0.5);
        }
        rule.Accept(1.0, 0.99);
        rule.Accept(0.99, 0.98);                                         // second stalled step: lower
        using (var svd = Spectrum([1e-6, 1e-6, 1, 1]))
            rule.Rank(svd, 2 + 2e-12, diagnostics).ShouldBe(2);        // 1e-5: still above σ = 1e-6
        diagnostics["rcond"].ShouldBe(1e-5, 1e-20);
        rule.Reject().ShouldBeTrue();                                    // the new level fails: back to 1e-4 ...
        using (var svd = Spectrum([1e-6, 1e-6, 1, 1]))
            rule.Rank(svd, 2 + 2e-12, diagnostics);
        diagnostics["rcond"].ShouldBe(1e-4, 1e-19);
        rule.Accept(1.0, 0.99);
        rule.Accept(0.99, 0.98);                                         // ... and never below it again
        using (var svd = Spectrum([1e-6, 1e-6, 1, 1]))
            rule.Rank(svd, 2 + 2e-12, diagnostics);
        diagnostics["rcond"].ShouldBe(1e-4, 1e-19);
    }

    [Fact]
    public void A_rejected_step_that_promised_most_of_the_residual_raises_the_cutoff()
    {
        var rule = new AdaptiveCutoff(new AnagramOptions { Rcond = 1e-10 });
        var diagnostics = new Dictionary<string, double>();
        using (var svd = Spectrum([1, 1, 1, 1])) rule.Rank(svd, 4, diagnostics);
        diagnostics["explained"].ShouldBe(1.0, 1e-12);
        rule.Reject().ShouldBeTrue();
        using (var svd = Spectrum([1, 1, 1, 1])) rule.Rank(svd, 4, diagnostics);
        diagnostics["rcond"].ShouldBe(1e-9, 1e-22);
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("adaptive")]
    public void A_short_run_lowers_poisson2d_relative_L2_below_1e_3(string cutoff)
    {
        ShortRun.Poisson2d(host, $$"""{ "name": "anagram", "options": { "cutoff": "{{cutoff}}" } }""", """{ "steps": 200 }""").RelL2!.Value.ShouldBeLessThan(1e-3);
    }
}
