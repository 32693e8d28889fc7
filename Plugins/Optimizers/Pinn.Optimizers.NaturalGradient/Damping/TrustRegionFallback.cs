using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// The trust-region phase of a line-search optimizer of the Gauss–Newton family. Inactive (µ = 0) while the line
/// search makes progress; it becomes active when a line search finds no lower loss, or when the loss fell by less
/// than a fraction StallDecrease over the last StallWindow line-search steps, and from then on, for the rest of the
/// stage, every step is a <see cref="TrustRegionStep"/> with µ adapted by the gain ratio. (Handing back to the line
/// search once µ is small was measured worse on every stalling problem: from where the damped steps lead, the
/// undamped direction crawls again.) State in checkpoints: <c>fallback.damping</c>, <c>fallback.growth</c>.
/// </summary>
internal sealed class TrustRegionFallback
{
    private const string Prefix = "fallback.";

    /// <summary>The phase ends the stage when the loss fell by less than this fraction over its last
    /// <see cref="ConvergedWindow"/> steps: at the error's floor the gain ratio still accepts steps that lower the
    /// loss by a rounding error, and real progress of the damped steps is 10⁻⁴ per step and more.</summary>
    private const double ConvergedDecrease = 1e-9;
    private const int ConvergedWindow = 20;
    private readonly TrustRegionSettings _settings;
    private readonly AdaptiveDamping _damping;
    private readonly TrustRegionStep _step;
    private readonly Queue<double> _recent = new();
    private readonly ConvergenceWindow _damped = new(ConvergedDecrease, ConvergedWindow);

    public TrustRegionFallback(TrustRegionSettings settings)
    {
        _settings = settings;
        _damping = new AdaptiveDamping(0);
        _step = new TrustRegionStep(MaxTrials: 30, MinDamping: 1e-16, settings.MaxDamping);
    }

    /// <summary>Whether the steps are trust-region steps.</summary>
    public bool Active => _damping.Relative > 0;

    /// <summary>A trust-region step from <paramref name="solver"/> (only while <see cref="Active"/>); it ends the stage
    /// once the loss no longer falls (by 1e-9, relative, over 20 steps; a loss that rose because the objective changed
    /// starts the window again, see <see cref="ConvergenceWindow"/>).</summary>
    public StepReport Step(IResidualModel model, double loss, IDampedSolver solver, Dictionary<string, double> diagnostics)
    {
        var report = _step.Take(model, loss, solver, _damping, diagnostics);
        if (report.StopReason is not null) return report;
        return !_damped.Converged(loss)
            ? report
            : report with { StopReason = $"converged: the loss fell by less than {ConvergedDecrease:G1} (relative) over the last {ConvergedWindow} steps" };
    }

    /// <summary>After a line search along <paramref name="direction"/> took <paramref name="alpha"/> from
    /// <paramref name="loss"/>: when it found nothing (α = 0, finite direction) the phase activates and takes its
    /// first step from the same <paramref name="solver"/> (diagnostic <c>fallback</c> = 1); when the line search has
    /// stalled, the phase activates for the next step (<c>fallback</c> = 2); otherwise <paramref name="report"/> stands.</summary>
    public StepReport After(StepReport report, double alpha, torch.Tensor direction, IResidualModel model, double loss, IDampedSolver solver)
    {
        if (_settings.Mode == LineSearchFallback.Stop) return report;
        if (alpha == 0)
        {
            if (!torch.isfinite(direction).all().item<bool>()) return report;
            _damping.Reset(_settings.InitialDamping);
            _recent.Clear();
            _damped.Clear();
            return Step(model, loss, solver, new Dictionary<string, double>(report.Diagnostics) { ["fallback"] = 1 });
        }
        if (_settings.StallWindow <= 0) return report;
        _recent.Enqueue(loss);
        if (_recent.Count <= _settings.StallWindow) return report;
        var before = _recent.Dequeue();
        if (before - loss >= _settings.StallDecrease * before) return report;
        _damping.Reset(_settings.InitialDamping);
        _recent.Clear();
        _damped.Clear();
        return report with { Diagnostics = new Dictionary<string, double>(report.Diagnostics) { ["fallback"] = 2 } };
    }

    /// <summary>Writes <c>fallback.damping</c> and <c>fallback.growth</c>.</summary>
    public void SaveTo(IDictionary<string, torch.Tensor> state) => _damping.SaveTo(state, Prefix);

    /// <summary>Reads what <see cref="SaveTo"/> wrote; inactive when the keys are absent.</summary>
    public void LoadFrom(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        if (!_damping.LoadFrom(state, Prefix)) _damping.Reset(0);
        _recent.Clear();
        _damped.Clear();
    }
}
