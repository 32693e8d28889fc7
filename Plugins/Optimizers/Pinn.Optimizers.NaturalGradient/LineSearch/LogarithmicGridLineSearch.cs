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
    /// <summary>Searches along −<paramref name="direction"/> from a point with loss <paramref name="currentLoss"/>.</summary>
    public LineSearchOutcome Search(IResidualModel model, torch.Tensor direction, double currentLoss)
    {
        using var scope = torch.NewDisposeScope();
        if (mode == LineSearchMode.FullGrid)
        {
            var steps = Enumerable.Range(0, points).Select(i => -Math.Pow(2, -i)).ToArray();
            var losses = model.LossesAlong(direction, steps).data<double>().ToArray();
            var best = -1;
            for (var i = 0; i < losses.Length; i++)
                if (Lower(losses[i], best < 0 ? currentLoss : losses[best])) best = i;
            return best < 0 ? new(0, currentLoss, points) : new(-steps[best], losses[best], points);
        }

        if (mode == LineSearchMode.FromPrevious && PreviousIndex >= 1) return FromPrevious(model, direction, currentLoss);
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
        double Loss(int i) => model.LossesAlong(direction, [-Math.Pow(2, -i)]).item<double>();
        var startLoss = Loss(start);
        if (!Lower(startLoss, currentLoss)) return Remember(Downwards(model, direction, currentLoss, start + 1, 1));
        var (best, bestLoss, evaluations) = (start, startLoss, 1);
        for (var i = start - 1; i >= 0; i--)
        {
            var loss = Loss(i);
            evaluations++;
            if (!Lower(loss, bestLoss)) break;
            (best, bestLoss) = (i, loss);
        }
        if (best == start)
            for (var i = start + 1; i < points; i++)
            {
                var loss = Loss(i);
                evaluations++;
                if (!Lower(loss, bestLoss)) break;
                (best, bestLoss) = (i, loss);
            }
        return Remember(new LineSearchOutcome(Math.Pow(2, -best), bestLoss, evaluations));
    }

    /// <summary>First grid minimum walking down from index <paramref name="first"/>; <paramref name="spent"/> evaluations so far.</summary>
    private LineSearchOutcome Downwards(IResidualModel model, torch.Tensor direction, double currentLoss, int first, int spent)
    {
        var bestIndex = -1;
        var bestLoss = currentLoss;
        var previous = double.PositiveInfinity;
        for (var i = first; i < points; i++)
        {
            var alpha = Math.Pow(2, -i);
            var loss = model.LossesAlong(direction, [-alpha]).item<double>();
            if (Lower(loss, bestLoss)) (bestIndex, bestLoss) = (i, loss);
            else if (bestIndex >= 0 && !(loss < previous)) return new(Math.Pow(2, -bestIndex), bestLoss, spent + i - first + 1);
            previous = double.IsFinite(loss) ? loss : double.PositiveInfinity;
        }
        return bestIndex < 0 ? new(0, currentLoss, spent + points - first) : new(Math.Pow(2, -bestIndex), bestLoss, spent + points - first);
    }

    /// <summary>Searches along −<paramref name="direction"/> and takes the step θ ← θ − α d. A non-finite direction
    /// or a grid with no lower loss leaves θ and returns α = 0 with the reason as <see cref="StepReport.StopReason"/>
    /// (the optimizer clears it when it can still change its next direction). Writes alpha and
    /// lineSearchEvaluations (with <paramref name="prefix"/>) to <paramref name="diagnostics"/>.</summary>
    public StepReport Step(IResidualModel model, torch.Tensor direction, double loss, Dictionary<string, double> diagnostics, string prefix, out double alpha)
    {
        alpha = 0;
        if (!torch.isfinite(direction).all().item<bool>())
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "non-finite direction" };
        var search = Search(model, direction, loss);
        diagnostics[prefix + "alpha"] = search.Alpha;
        diagnostics[prefix + "lineSearchEvaluations"] = search.Evaluations;
        if (search.Alpha == 0) return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "no step size on the grid lowers the loss" };
        model.AddToParameters(direction, -search.Alpha);
        alpha = search.Alpha;
        return new StepReport(loss, alpha) { Diagnostics = diagnostics };
    }

    private static bool Lower(double loss, double than) => double.IsFinite(loss) && loss < than;
}
