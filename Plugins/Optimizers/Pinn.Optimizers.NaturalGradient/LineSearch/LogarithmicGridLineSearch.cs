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

        var bestIndex = -1;
        var bestLoss = currentLoss;
        var previous = double.PositiveInfinity;
        for (var i = 0; i < points; i++)
        {
            var alpha = Math.Pow(2, -i);
            var loss = model.LossesAlong(direction, [-alpha]).item<double>();
            if (Lower(loss, bestLoss)) (bestIndex, bestLoss) = (i, loss);
            else if (bestIndex >= 0 && !(loss < previous)) return new(Math.Pow(2, -bestIndex), bestLoss, i + 1);
            previous = double.IsFinite(loss) ? loss : double.PositiveInfinity;
        }
        return bestIndex < 0 ? new(0, currentLoss, points) : new(Math.Pow(2, -bestIndex), bestLoss, points);
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
