using Pinn.Optimizers.NaturalGradient.Damping;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>The trust-region phase's stop rule: converged when the loss fell by less than the fraction over the window,
/// but a loss that rose (points redrawn, weights changed) starts the window again instead of ending the stage.</summary>
public sealed class ConvergenceWindowTests
{
    [Fact]
    public void A_loss_that_stops_falling_converges_after_the_window()
    {
        var window = new ConvergenceWindow(1e-9, 3);
        new[] { 1.0, 0.5, 0.25, 0.125 }.Select(window.Converged).ShouldAllBe(c => !c);   // 0.125 vs 1.0: falling
        window.Converged(0.125).ShouldBeFalse();                                          // vs 0.5
        window.Converged(0.125).ShouldBeFalse();                                          // vs 0.25
        window.Converged(0.125).ShouldBeTrue();                                           // vs 0.125: no fall over 3 steps
    }

    [Fact]
    public void A_loss_that_rose_because_the_objective_changed_starts_the_window_again()
    {
        var window = new ConvergenceWindow(1e-9, 3);
        foreach (var loss in new[] { 1e-6, 1e-6, 1e-6 }) window.Converged(loss).ShouldBeFalse();
        window.Converged(4e-6).ShouldBeFalse();                                           // new points: higher loss, not convergence
        foreach (var loss in new[] { 3e-6, 2e-6, 1e-6 }) window.Converged(loss).ShouldBeFalse();
        window.Converged(1e-6).ShouldBeFalse();                                           // vs 3e-6
        window.Converged(1e-6).ShouldBeFalse();                                           // vs 2e-6
        window.Converged(1e-6).ShouldBeTrue();                                            // vs 1e-6
    }
}
