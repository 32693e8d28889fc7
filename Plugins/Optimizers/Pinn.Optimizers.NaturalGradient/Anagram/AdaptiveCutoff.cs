using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>
/// The adaptive cutoff: a discrepancy principle on the residual's spectral coordinates c = Uᵀr.
/// Keeping the k largest singular values, the linear model predicts the loss after a full step as
/// e_k = ½(‖r‖² − Σ_{i≤k} cᵢ²). Each step keeps the fewest directions whose e_k reaches the target η·L (or
/// comes within 0.1 % of the best the spectrum above rcondFloor·σ_max allows), so the cutoff follows both
/// the spectrum and where the residual lives in it, instead of a fixed σ value. η is the contraction asked
/// of one step and follows the line search: a full step (α = 1) means the linear model held, ask for 10×
/// more; α below ¼ means it did not, ask for 10× less; a rejected step asks for 10× less and retries.
/// </summary>
internal sealed class AdaptiveCutoff(AnagramOptions options)
{
    private double _target = options.InitialTarget;

    /// <summary>The rank to keep for this step; writes its diagnostics.</summary>
    public int Rank(JacobianSvd svd, Dictionary<string, double> diagnostics)
    {
        var values = svd.Values;
        var c = svd.CoordinateValues;
        var maxRank = svd.RankAbove(options.RcondFloor * svd.Largest);
        // Predicted loss after the full step at each rank, relative to the current loss (c is Uᵀr, Σc² ≤ ‖r‖²).
        double total = 0;
        foreach (var ci in c) total += ci * ci;
        var residual2 = Math.Max(total, options.CurrentResidualSquared);
        var explained = new double[maxRank + 1];
        for (var k = 1; k <= maxRank; k++) explained[k] = explained[k - 1] + c[k - 1] * c[k - 1];
        var best = residual2 - explained[maxRank];
        var goal = Math.Max(_target * residual2, best + 1e-3 * (residual2 - best));
        var rank = 0;
        while (rank < maxRank && residual2 - explained[rank] > goal) rank++;
        diagnostics["target"] = _target;
        diagnostics["predictedReduction"] = residual2 > 0 ? (residual2 - (residual2 - explained[rank])) / residual2 : 0;
        return rank;
    }

    /// <summary>Adapts η after an accepted step.</summary>
    public void Accept(LineSearchOutcome search, double loss)
    {
        if (search.Alpha >= 1) _target = Math.Max(options.MinTarget, _target / 10);
        else if (search.Alpha < 0.25) _target = Math.Min(options.MaxTarget, _target * 10);
    }

    /// <summary>Adapts η after a rejected step; false when η cannot grow any further (the run should stop).</summary>
    public bool Reject(Dictionary<string, double> diagnostics)
    {
        if (_target >= options.MaxTarget) return false;
        _target = Math.Min(options.MaxTarget, _target * 10);
        return true;
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor> { ["target"] = torch.tensor(_target, torch.float64) };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        if (state.TryGetValue("target", out var t)) _target = t.item<double>();
    }
}
