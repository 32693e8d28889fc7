using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>
/// ANaGRAM (Schwencke &amp; Furtlehner): the natural gradient relative to the adapted model, d = V_k Σ_k⁻¹ U_kᵀ r
/// from the thin SVD of J over the singular values above a cutoff, then the logarithmic grid line search.
/// The cutoff is fixed (rcond·σ_max) or chosen each step by <see cref="AdaptiveCutoff"/>.
/// </summary>
internal sealed class AnagramOptimizer(AnagramOptions options) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);
    private readonly AdaptiveCutoff _adaptive = new(options);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var linearization = model.Linearize();
        var r = linearization.Residuals;
        var loss = 0.5 * r.dot(r).item<double>();
        if (!double.IsFinite(loss)) return new StepReport(loss, 0) { StopReason = "non-finite loss" };
        using var svd = JacobianSvd.Of(linearization.Dense(), r);
        var diagnostics = new Dictionary<string, double>();
        var rank = options.Cutoff == CutoffPolicy.Fixed ? svd.RankAbove(options.Rcond * svd.Largest) : _adaptive.Rank(svd, 2 * loss, diagnostics);
        var direction = svd.Truncated(rank);
        diagnostics["rank"] = rank;
        diagnostics["cutoff"] = rank < svd.Values.Length ? svd.Values[rank] / svd.Largest : 0;
        diagnostics["condition"] = svd.Condition(rank);
        if (!torch.isfinite(direction).all().item<bool>())
        {
            if (options.Cutoff == CutoffPolicy.Adaptive && _adaptive.Reject()) return new StepReport(loss, 0) { Diagnostics = diagnostics };
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "non-finite direction" };
        }
        var search = _lineSearch.Search(model, direction, loss);
        diagnostics["alpha"] = search.Alpha;
        diagnostics["lineSearchEvaluations"] = search.Evaluations;
        if (search.Alpha == 0)
        {
            // A fixed cutoff has no state: the next step would be the same. The adaptive rule may still move.
            if (options.Cutoff == CutoffPolicy.Adaptive && _adaptive.Reject()) return new StepReport(loss, 0) { Diagnostics = diagnostics };
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "no step size on the grid lowers the loss" };
        }
        model.AddToParameters(direction, -search.Alpha);
        if (options.Cutoff == CutoffPolicy.Adaptive) _adaptive.Accept(loss, search.Loss);
        return new StepReport(loss, search.Alpha) { Diagnostics = diagnostics };
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => _adaptive.StateDict();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) => _adaptive.LoadStateDict(state);
}
