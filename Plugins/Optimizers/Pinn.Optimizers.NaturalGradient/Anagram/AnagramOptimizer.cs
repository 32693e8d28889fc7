using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
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

    public StepReport Step(IResidualModel model)
    {
        var diagnostics = new Dictionary<string, double>();
        if (options.Cutoff == CutoffPolicy.Fixed)
            return SubStep(model, svd => svd.RankAbove(options.Rcond * svd.Largest), "", diagnostics, out _);

        // Multi-cutoff: a step at the large rank, then one at the small rank from a fresh SVD.
        var small = 0;
        var first = SubStep(model, svd =>
        {
            var (large, s) = _adaptive.Ranks(svd, model.ResidualCount, diagnostics);
            small = s;
            return large;
        }, "large.", diagnostics, out var firstAlpha);
        if (!double.IsFinite(first.Loss)) return first;
        var second = SubStep(model, _ => small, "small.", diagnostics, out var secondAlpha);
        var stop = firstAlpha == 0 && secondAlpha == 0 ? "no step size on the grid lowers the loss at either rank" : null;
        return new StepReport(first.Loss, Math.Max(firstAlpha, secondAlpha)) { Diagnostics = diagnostics, StopReason = stop };
    }

    /// <summary>One truncated-SVD step keeping the number of modes <paramref name="rank"/> picks.</summary>
    private StepReport SubStep(IResidualModel model, Func<JacobianSvd, int> rank, string prefix, Dictionary<string, double> diagnostics, out double alpha)
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
        return _lineSearch.Step(model, direction, loss, diagnostics, prefix, out alpha);
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => _adaptive.StateDict();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        if (options.Cutoff == CutoffPolicy.Adaptive) _adaptive.LoadStateDict(state);
    }
}
