using System.Text.Json;
using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.Anagram;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.Engd;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>
/// ENGD's trust-region fallback: when no step size on the line search's grid lowers the loss, ENGD damps the
/// Gauss–Newton system and retries instead of ending the stage. Rosenbrock from (−1.2, 1) with a one-point grid
/// (α = 1 only) is such a case: the full Gauss–Newton step lands at (1, −3.84), where the loss is 1171 against 12.1.
/// </summary>
public sealed class EngdFallbackTests
{
    private static EngdOptimizer Engd(EngdSolve solve, LineSearchFallback fallback) => new(new EngdOptions { Solve = solve, LineSearchPoints = 1, Fallback = fallback });

    [Theory]
    [InlineData(EngdSolve.Svd)]
    [InlineData(EngdSolve.Gramian)]
    public void When_no_step_size_lowers_the_loss_the_fallback_damps_and_reaches_the_minimum(EngdSolve solve)
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var engd = Engd(solve, LineSearchFallback.TrustRegion);
        var first = engd.Step(model);
        first.StopReason.ShouldBeNull();
        first.Diagnostics["fallback"].ShouldBe(1);
        first.StepSize.ShouldBe(1.0);
        model.Loss().Total.ShouldBeLessThan(first.Loss);
        for (var step = 0; step < 200 && model.DistanceToMinimum > 1e-12; step++)
            engd.Step(model).StopReason.ShouldBeNull();
        model.DistanceToMinimum.ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void With_fallback_stop_the_same_failure_ends_the_stage_and_leaves_the_parameters()
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var report = Engd(EngdSolve.Svd, LineSearchFallback.Stop).Step(model);
        report.StopReason.ShouldBe("no step size on the grid lowers the loss");
        report.StepSize.ShouldBe(0);
        model.DistanceToMinimum.ShouldBe(Math.Sqrt(2.2 * 2.2), 1e-15);
    }

    [Fact]
    public void The_damping_rises_while_trials_fail_and_falls_as_steps_succeed()
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var engd = Engd(EngdSolve.Svd, LineSearchFallback.TrustRegion);
        var reports = new List<Pinn.Abstractions.Optimization.StepReport>();
        while (model.DistanceToMinimum > 1e-6 && reports.Count < 200) reports.Add(engd.Step(model));
        // A rejected trial doubles µ (then ×4, ×8 …) before the next trial of the same step: µ goes above where it started.
        var retried = reports.First(r => r.Diagnostics["trials"] > 1);
        retried.Diagnostics["damping"].ShouldBeGreaterThan(1e-3);
        // Near the minimum the Gauss–Newton model is good (ρ near 1) and Nielsen's rule lowers µ by up to a third per step.
        var peak = reports.Max(r => r.Diagnostics["damping"]);
        reports[^1].Diagnostics["rho"].ShouldBeGreaterThan(0.5);
        reports[^1].Diagnostics["damping"].ShouldBeLessThan(peak / 100);
    }

    [Fact]
    public void The_fallback_state_is_kept_in_checkpoints_and_a_resumed_optimizer_goes_on_damped()
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var engd = Engd(EngdSolve.Svd, LineSearchFallback.TrustRegion);
        engd.Step(model);
        var state = engd.StateDict();
        state["fallback.damping"].item<double>().ShouldBeGreaterThan(0);

        var resumed = Engd(EngdSolve.Svd, LineSearchFallback.TrustRegion);
        resumed.LoadStateDict(state);
        var next = resumed.Step(model);
        next.Diagnostics.Keys.ShouldContain("rho");
        next.Diagnostics.Keys.ShouldNotContain("alpha");
    }

    [Fact]
    public void A_checkpoint_written_before_the_fallback_existed_resumes_with_the_line_search()
    {
        var model = new RosenbrockResiduals(0.5, 0.2);
        var engd = new EngdOptimizer(new EngdOptions());
        engd.LoadStateDict(new Dictionary<string, torch.Tensor>());
        engd.Step(model).Diagnostics.Keys.ShouldContain("alpha");
    }

    [Theory]
    [InlineData(typeof(EngdOptions))]
    [InlineData(typeof(AnagramOptions))]
    public void Bad_trust_region_options_are_all_reported_with_their_names(Type options)
    {
        var json = """{ "initialDamping": 0, "maxDamping": -1, "stallWindow": -3, "stallDecrease": 2 }""";
        var result = OptionsBinder.Bind(options, JsonDocument.Parse(json).RootElement);
        result.Options.ShouldBeNull();
        result.Errors.Select(e => e.Field).ShouldBe(["initialDamping", "maxDamping", "stallWindow", "stallDecrease"], ignoreOrder: true);
    }

    [Fact]
    public void The_defaults_are_the_trust_region_phase_with_a_20_step_window()
    {
        var result = OptionsBinder.Bind(typeof(EngdOptions), null);
        var options = (EngdOptions)result.Options!;
        (options.Fallback, options.InitialDamping, options.StallWindow, options.StallDecrease).ShouldBe((LineSearchFallback.TrustRegion, 1e-3, 20, 1e-4));
        ((AnagramOptions)OptionsBinder.Bind(typeof(AnagramOptions), null).Options!).Cutoff.ShouldBe(CutoffPolicy.Fixed);
    }

    [Theory]
    [InlineData(CutoffPolicy.Fixed)]
    [InlineData(CutoffPolicy.Adaptive)]
    public void Anagram_goes_on_the_same_way_when_its_line_search_fails(CutoffPolicy cutoff)
    {
        var model = new RosenbrockResiduals(-1.2, 1);
        var anagram = new AnagramOptimizer(new AnagramOptions { Cutoff = cutoff, LineSearchPoints = 1 });
        var first = anagram.Step(model);
        first.StopReason.ShouldBeNull();
        first.Diagnostics["fallback"].ShouldBe(1);
        first.Loss.ShouldBe(12.1, 1e-12);
        for (var step = 0; step < 200 && model.DistanceToMinimum > 1e-12; step++)
            anagram.Step(model).StopReason.ShouldBeNull();
        model.DistanceToMinimum.ShouldBeLessThan(1e-10);
    }
}
