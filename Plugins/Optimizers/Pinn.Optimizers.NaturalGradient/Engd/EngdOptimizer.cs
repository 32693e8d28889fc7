using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>
/// Energy natural gradient = Gauss–Newton: d = J⁺r, the minimum-norm least-squares solution of J d ≈ r,
/// then θ ← θ − α d with α from the logarithmic grid. The SVD route solves on J itself (the Gramian
/// JᵀJ squares the condition number and float64 keeps only about half its digits there).
/// When no α on the grid lowers the loss, or the line search has stalled, the trust-region phase
/// (<see cref="TrustRegionFallback"/>) takes over for the rest of the stage: damped steps (JᵀJ + µσ_max²I) d = Jᵀr
/// with µ adapted by the gain ratio, from the same factorisation.
/// </summary>
internal sealed class EngdOptimizer(EngdOptions options) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);
    private readonly TrustRegionFallback _fallback = new(options.TrustRegion);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (j, r, loss) = (at.Linearization.Dense(), at.Residuals, at.Loss);
        if (options.Solve == EngdSolve.Svd)
        {
            using var svd = JacobianSvd.Of(j, r);
            return _fallback.Active ? _fallback.Step(model, loss, svd, []) : LineSearchStep(model, at, svd, Truncated(svd));
        }
        using var gramian = new GramianSolver(j, r, options.Damping);
        return _fallback.Active ? _fallback.Step(model, loss, gramian, []) : LineSearchStep(model, at, gramian, Undamped(gramian));
    }

    /// <summary>The ENGD step, judged by the trust-region phase (which takes its first step from the same solver when
    /// the line search found nothing).</summary>
    private StepReport LineSearchStep(IResidualModel model, LinearizedStep at, IDampedSolver solver, (torch.Tensor Direction, Dictionary<string, double> Diagnostics) step)
    {
        var slope = options.LineSearch == LineSearchMode.Parabolic ? at.SlopeAlong(step.Direction) : double.NaN;
        var report = _lineSearch.Step(model, step.Direction, at.Loss, slope, step.Diagnostics, "", out var alpha);
        return _fallback.After(report, alpha, step.Direction, model, at.Loss, solver);
    }

    /// <summary>d = V_k Σ_k⁻¹ U_kᵀ r over the singular values above rcond·σ_max, for <paramref name="j"/> [M, D]
    /// and <paramref name="r"/> [M].</summary>
    internal (torch.Tensor Direction, Dictionary<string, double> Diagnostics) BySvd(torch.Tensor j, torch.Tensor r)
    {
        using var svd = JacobianSvd.Of(j, r);
        return Truncated(svd);
    }

    /// <summary>(JᵀJ + εI) d = Jᵀr by Cholesky, for <paramref name="j"/> [M, D] and <paramref name="r"/> [M].</summary>
    internal (torch.Tensor Direction, Dictionary<string, double> Diagnostics) ByGramian(torch.Tensor j, torch.Tensor r)
    {
        using var gramian = new GramianSolver(j, r, options.Damping);
        return Undamped(gramian);
    }

    private (torch.Tensor Direction, Dictionary<string, double> Diagnostics) Undamped(GramianSolver gramian)
    {
        var (direction, _) = gramian.Solve(0);
        return (direction, new() { ["damping"] = options.Damping, ["choleskyFailed"] = gramian.CholeskyFailed ? 1 : 0 });
    }

    private (torch.Tensor Direction, Dictionary<string, double> Diagnostics) Truncated(JacobianSvd svd)
    {
        var cutoff = options.Rcond * svd.Largest;
        var keep = svd.RankAbove(cutoff);
        return (svd.Truncated(keep), new()
        {
            ["rank"] = keep,
            ["cutoff"] = cutoff,
            ["condition"] = svd.Condition(keep),
        });
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>();
        _fallback.SaveTo(state);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) => _fallback.LoadFrom(state);
}
