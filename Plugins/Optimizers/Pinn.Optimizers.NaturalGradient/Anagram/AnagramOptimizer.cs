using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>
/// ANaGRAM (Schwencke &amp; Furtlehner): the natural gradient relative to the adapted model, d = V_k Σ_k⁻¹ U_kᵀ r
/// from the thin SVD of J over the leading k singular values, then the logarithmic grid line search. The
/// fixed policy keeps σ &gt; rcond·σ_max; the adaptive one (<see cref="AdaptiveCutoff"/>) takes two such steps
/// per call, at a large and a small rank that follow the residual's spread over the spectrum.
/// </summary>
internal sealed class AnagramOptimizer(AnagramOptions options) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);
    private readonly AdaptiveCutoff _adaptive = new(options);
    private readonly TrustRegionFallback _fallback = new(options.TrustRegion);

    public StepReport Step(IResidualModel model)
    {
        var diagnostics = new Dictionary<string, double>();
        if (_fallback.Active) return FallbackStep(model);
        if (options.Cutoff == CutoffPolicy.Fixed)
            return SubStep(model, svd => svd.RankAbove(options.Rcond * svd.Largest), "", diagnostics, trustRegionAfter: true, 0, out _);

        // Multi-cutoff: a step at the large rank, then one at the small rank from a fresh SVD.
        var small = 0;
        var first = SubStep(model, svd =>
        {
            var (large, s) = _adaptive.Ranks(svd, model.ResidualCount, diagnostics);
            small = s;
            return large;
        }, "large.", diagnostics, trustRegionAfter: false, 0, out var firstAlpha);
        if (!double.IsFinite(first.Loss)) return first;
        var second = SubStep(model, _ => small, "small.", diagnostics, trustRegionAfter: true, firstAlpha, out var secondAlpha);
        if (_fallback.Active) return second with { Loss = first.Loss };
        var stop = firstAlpha == 0 && secondAlpha == 0 ? "no step size on the grid lowers the loss at either rank" : null;
        return new StepReport(first.Loss, Math.Max(firstAlpha, secondAlpha)) { Diagnostics = diagnostics, StopReason = stop };
    }

    /// <summary>One truncated-SVD step keeping the number of modes <paramref name="rank"/> picks. With
    /// <paramref name="trustRegionAfter"/>, the trust-region fallback then judges the step: a failure (no α here and
    /// <paramref name="siblingAlpha"/> = 0 in the other sub-step of the call) or a stall starts it.</summary>
    private StepReport SubStep(IResidualModel model, Func<JacobianSvd, int> rank, string prefix, Dictionary<string, double> diagnostics,
                               bool trustRegionAfter, double siblingAlpha, out double alpha)
    {
        alpha = 0;
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (linearization, r, loss) = (at.Linearization, at.Residuals, at.Loss);
        using var svd = JacobianSvd.Of(linearization.Dense(), r);
        var keep = rank(svd);
        var direction = svd.Truncated(keep);
        diagnostics[prefix + "rank"] = keep;
        diagnostics[prefix + "cutoff"] = keep < svd.Values.Length && svd.Largest > 0 ? svd.Values[keep] / svd.Largest : 0;
        diagnostics[prefix + "condition"] = svd.Condition(keep);
        var slope = options.LineSearch == LineSearchMode.Parabolic ? at.SlopeAlong(direction) : double.NaN;
        var report = _lineSearch.Step(model, direction, loss, slope, diagnostics, prefix, out alpha);
        if (!trustRegionAfter) return report;
        var judged = _fallback.After(report, Math.Max(alpha, siblingAlpha), direction, model, loss, svd);
        if (alpha == 0) alpha = judged.StepSize;
        return judged;
    }

    /// <summary>A trust-region step of the active fallback.</summary>
    private StepReport FallbackStep(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        using var svd = JacobianSvd.Of(at.Linearization.Dense(), at.Residuals);
        return _fallback.Step(model, at.Loss, svd, []);
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>(_adaptive.StateDict());
        _fallback.SaveTo(state);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        if (options.Cutoff == CutoffPolicy.Adaptive) _adaptive.LoadStateDict(state);
        _fallback.LoadFrom(state);
    }
}
