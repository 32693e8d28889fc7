using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.LineSearch;

/// <summary>
/// The step length of the ENGD papers: the α in {2⁰, 2⁻¹, …, 2^-(n−1)} with the smallest loss along θ − α d,
/// by forward evaluations only (no autograd graph). Non-finite losses count as worse than any finite one.
/// </summary>
internal sealed class LogarithmicGridLineSearch(int points, LineSearchMode mode)
{
    /// <summary>Searches along −<paramref name="direction"/> from a point with loss <paramref name="currentLoss"/>;
    /// <paramref name="slope"/> is dL(θ − αd)/dα at α = 0 (= −∇L·d), used by <see cref="LineSearchMode.Parabolic"/>
    /// (NaN when unknown).</summary>
    public LineSearchOutcome Search(IResidualModel model, torch.Tensor direction, double currentLoss, double slope = double.NaN)
    {
        using var scope = torch.NewDisposeScope();
        if (mode == LineSearchMode.FullGrid)
        {
            var steps = Enumerable.Range(0, points).Select(i => -Math.Pow(2, -i)).ToArray();
            var losses = model.LossesAlong(direction, steps).to(torch.float64).data<double>().ToArray();
            var best = -1;
            for (var i = 0; i < losses.Length; i++)
                if (Lower(losses[i], best < 0 ? currentLoss : losses[best])) best = i;
            return best < 0 ? new(0, currentLoss, points) : new(-steps[best], losses[best], points);
        }

        if (mode == LineSearchMode.Parabolic && slope < 0 && double.IsFinite(currentLoss))
            return Remember(Parabolic(model, direction, currentLoss, slope, Math.Max(PreviousIndex, 0), 0));
        if (mode is LineSearchMode.FromPrevious or LineSearchMode.Parabolic && PreviousIndex >= 1) return FromPrevious(model, direction, currentLoss);
        return Remember(Downwards(model, direction, currentLoss, 0, 0));
    }

    /// <summary>The grid index of the last α taken (α = 2^-index), −1 before the first step or after a rejection:
    /// the state of <see cref="LineSearchMode.FromPrevious"/> (optimizers keep it in their checkpoints).</summary>
    public int PreviousIndex { get; set; } = -1;

    private LineSearchOutcome Remember(LineSearchOutcome outcome)
    {
        PreviousIndex = outcome.Alpha > 0 ? (int)Math.Round(-Math.Log2(outcome.Alpha)) : -1;
        return outcome;
    }

    /// <summary>Starts at 2^-(k−1) for the previous index k; goes up while the loss falls, else down.</summary>
    private LineSearchOutcome FromPrevious(IResidualModel model, torch.Tensor direction, double currentLoss)
    {
        var start = PreviousIndex - 1;
        var startLoss = LossAt(model, direction, start);
        if (!Lower(startLoss, currentLoss)) return Remember(Downwards(model, direction, currentLoss, start + 1, 1));
        var (best, bestLoss, evaluations) = (start, startLoss, 1);
        for (var i = start - 1; i >= 0; i--)
        {
            var loss = LossAt(model, direction, i);
            evaluations++;
            if (!Lower(loss, bestLoss)) break;
            (best, bestLoss) = (i, loss);
        }
        if (best == start)
            for (var i = start + 1; i < points; i++)
            {
                var loss = LossAt(model, direction, i);
                evaluations++;
                if (!Lower(loss, bestLoss)) break;
                (best, bestLoss) = (i, loss);
            }
        return Remember(new LineSearchOutcome(Math.Pow(2, -best), bestLoss, evaluations));
    }

    /// <summary>Evaluates grid index k; q(α) = L₀ + sα + cα² through L₀, the slope s and L(2⁻ᵏ) then rates the
    /// neighbours 2^-(k∓1), and the walk moves one grid point at a time towards the one q rates lower than k (q's
    /// minimum above 1.5·2⁻ᵏ: up; below 0.75·2⁻ᵏ: down), refitting q at every point it moves to, for as long as the
    /// loss keeps falling and q points on. When L(2⁻ᵏ) is not below L₀, q's minimum lies below 2⁻ᵏ/2 and the search
    /// starts again at the grid point q rates lowest; <paramref name="spent"/> evaluations so far.</summary>
    private LineSearchOutcome Parabolic(IResidualModel model, torch.Tensor direction, double currentLoss, double slope, int k, int spent)
    {
        var loss = LossAt(model, direction, k);
        if (!Lower(loss, currentLoss))
        {
            var next = double.IsFinite(loss) ? Math.Max(k + 1, NearestGridIndex(ParabolaMinimum(currentLoss, slope, k, loss))) : k + 1;
            return next < points ? Parabolic(model, direction, currentLoss, slope, next, spent + 1) : new(0, currentLoss, spent + 1);
        }
        var (best, bestLoss, evaluations) = (k, loss, spent + 1);
        var step = Math.Sign(NearestGridIndex(ParabolaMinimum(currentLoss, slope, k, loss)) - k);
        for (var i = k + step; step != 0 && i >= 0 && i < points; i += step)
        {
            var next = LossAt(model, direction, i);
            evaluations++;
            if (!Lower(next, bestLoss)) break;
            (best, bestLoss) = (i, next);
            if (Math.Sign(NearestGridIndex(ParabolaMinimum(currentLoss, slope, i, next)) - i) != step) break;
        }
        return new LineSearchOutcome(Math.Pow(2, -best), bestLoss, evaluations);
    }

    /// <summary>The minimiser of q(α) = L₀ + sα + cα² through L₀, the slope s &lt; 0 and L at grid index k; +∞ when
    /// q has no minimum (the loss keeps falling along the ray as far as q can tell).</summary>
    private static double ParabolaMinimum(double currentLoss, double slope, int k, double loss)
    {
        var alpha = Math.Pow(2, -k);
        var curvature = (loss - currentLoss - slope * alpha) / (alpha * alpha);
        return curvature > 0 ? -slope / (2 * curvature) : double.PositiveInfinity;
    }

    /// <summary>The grid index whose α a parabola with its minimum at <paramref name="minimum"/> rates lowest: of the
    /// two grid points around the minimum, 2^-i ≤ m &lt; 2^-(i−1), the upper one when m ≥ 1.5·2^-i; 0 beyond the grid.</summary>
    private int NearestGridIndex(double minimum)
    {
        if (!(minimum < 1)) return 0;
        var below = (int)Math.Min(points, Math.Ceiling(-Math.Log2(minimum)));                // 2^-below ≤ m
        return below > 0 && minimum >= 1.5 * Math.Pow(2, -below) ? below - 1 : below;
    }

    private static double LossAt(IResidualModel model, torch.Tensor direction, int index)
        => model.LossesAlong(direction, [-Math.Pow(2, -index)]).ToDouble();

    /// <summary>First grid minimum walking down from index <paramref name="first"/>; <paramref name="spent"/> evaluations so far.</summary>
    private LineSearchOutcome Downwards(IResidualModel model, torch.Tensor direction, double currentLoss, int first, int spent)
    {
        var bestIndex = -1;
        var bestLoss = currentLoss;
        var previous = double.PositiveInfinity;
        for (var i = first; i < points; i++)
        {
            var loss = LossAt(model, direction, i);
            if (Lower(loss, bestLoss)) (bestIndex, bestLoss) = (i, loss);
            else if (bestIndex >= 0 && !(loss < previous)) return new(Math.Pow(2, -bestIndex), bestLoss, spent + i - first + 1);
            previous = double.IsFinite(loss) ? loss : double.PositiveInfinity;
        }
        return bestIndex < 0 ? new(0, currentLoss, spent + points - first) : new(Math.Pow(2, -bestIndex), bestLoss, spent + points - first);
    }

    /// <summary>Searches along −<paramref name="direction"/> and takes the step θ ← θ − α d. A non-finite direction
    /// or a grid with no lower loss leaves θ and returns α = 0 with the reason as <see cref="StepReport.StopReason"/>
    /// (the optimizer clears it when it can still change its next direction). <paramref name="slope"/> is
    /// dL(θ − αd)/dα at 0 (= −∇L·d; NaN when unknown). Writes alpha and lineSearchEvaluations (with
    /// <paramref name="prefix"/>) to <paramref name="diagnostics"/>.</summary>
    public StepReport Step(IResidualModel model, torch.Tensor direction, double loss, double slope, Dictionary<string, double> diagnostics, string prefix, out double alpha)
    {
        alpha = 0;
        if (!torch.isfinite(direction).all().item<bool>())
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "non-finite direction" };
        var search = Search(model, direction, loss, slope);
        diagnostics[prefix + "alpha"] = search.Alpha;
        diagnostics[prefix + "lineSearchEvaluations"] = search.Evaluations;
        if (search.Alpha == 0) return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "no step size on the grid lowers the loss" };
        model.AddToParameters(direction, -search.Alpha);
        alpha = search.Alpha;
        return new StepReport(loss, alpha) { Diagnostics = diagnostics };
    }

    private static bool Lower(double loss, double than) => double.IsFinite(loss) && loss < than;
}
