using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>
/// The adaptive multi-cutoff of AMStramGRAM (Schwencke, Rousselot, Shilova &amp; Furtlehner 2025), as its
/// authors' code runs it: two ranks that follow how the residual is spread over the spectrum.
/// <para>With c = Uᵀr, the reconstruction error of the first k+1 modes is nₖ = ‖r − Σ_{j≤k} uⱼcⱼ‖ (our r is
/// already scaled by √(w/N), so nₖ is an RMS residual; σ is compared in the same per-point units, σ·√M).
/// rank₁ = #{k : nₖ &lt; σₖ√M} marks where the reconstruction error falls below the spectrum; rank₂ =
/// #{k : nₖ ≥ ε} counts the modes needed before the residual left is below ε. Each iteration:
/// r_min = max(1, min(rank₁, rank₂)) and r_max = max(r_max, rank₁) (r_max never falls); until "lift-off"
/// (r_min ≥ r_max) r_max also grows by one whenever r_min did not change. r_max starts at r_min plus the
/// elbow of log σ beyond r_min (the point furthest below the chord). The optimizer then takes two steps:
/// one keeping modes 0…r_max and, from a fresh SVD, one keeping modes 0…r_min.</para>
/// <para>Differences from that code: the ranks are computed from the SVD at the current θ (theirs reuse the
/// previous sub-step's), the line search is our logarithmic grid, and modes below rcondFloor·σ_max (float64
/// rounding) are never kept.</para>
/// </summary>
internal sealed class AdaptiveCutoff(AnagramOptions options)
{
    private int _rankMax = -1;
    private int _previousMin = -1;
    private bool _liftoff;

    /// <summary>Updates the ranks from <paramref name="svd"/> and returns (modes for the first sub-step, modes for
    /// the second); writes the diagnostics.</summary>
    /// <param name="svd">J's SVD with c = Uᵀr.</param>
    /// <param name="residualCount">M.</param>
    /// <param name="diagnostics">Receives rank1, rank2, rankMin, rankMax, liftoff.</param>
    public (int Large, int Small) Ranks(JacobianSvd svd, long residualCount, Dictionary<string, double> diagnostics)
    {
        var sigma = svd.Values;
        var tails = svd.TailSquared();
        var scale = Math.Sqrt(residualCount);
        int rank1 = 0, rank2 = 0;
        for (var k = 0; k < sigma.Length; k++)
        {
            var n = Math.Sqrt(tails[k + 1]);                                   // beyond modes 0…k
            if (n < sigma[k] * scale) rank1++;
            if (n >= options.ResidualTolerance) rank2++;
        }
        var rankMin = Math.Max(1, Math.Min(rank1, rank2));
        if (_rankMax < 0) _rankMax = rankMin + Elbow(sigma, rankMin);
        _rankMax = Math.Max(_rankMax, rank1);
        if (!_liftoff)
        {
            if (rankMin >= _rankMax) _liftoff = true;
            else if (rankMin == _previousMin) _rankMax++;
            _previousMin = rankMin;
        }
        var usable = svd.RankAbove(options.RcondFloor * svd.Largest);
        diagnostics["rank1"] = rank1;
        diagnostics["rank2"] = rank2;
        diagnostics["rankMin"] = rankMin;
        diagnostics["rankMax"] = _rankMax;
        diagnostics["liftoff"] = _liftoff ? 1 : 0;
        // "Rank k" keeps modes 0…k, i.e. k + 1 of them.
        return (Math.Min(_rankMax + 1, usable), Math.Min(rankMin + 1, usable));
    }

    /// <summary>The elbow of log σ[from..]: the index (relative to <paramref name="from"/>) of the point furthest
    /// below the straight line from the first to the last point.</summary>
    internal static int Elbow(double[] sigma, int from)
    {
        var n = sigma.Length - from;
        if (n < 3) return 0;
        double Log(int i) => Math.Log(Math.Max(sigma[from + i], double.Epsilon));
        var (first, last) = (Log(0), Log(n - 1));
        var (best, bestDepth) = (0, 0.0);
        for (var i = 1; i < n - 1; i++)
        {
            var chord = first + (last - first) * i / (n - 1);
            var depth = chord - Log(i);
            if (depth > bestDepth) (best, bestDepth) = (i, depth);
        }
        return best;
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>
    {
        ["rankMax"] = torch.tensor((long)_rankMax),
        ["previousMin"] = torch.tensor((long)_previousMin),
        ["liftoff"] = torch.tensor(_liftoff),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _rankMax = (int)state["rankMax"].item<long>();
        _previousMin = (int)state["previousMin"].item<long>();
        _liftoff = state["liftoff"].item<bool>();
    }
}
