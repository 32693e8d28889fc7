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

    private static bool Lower(double loss, double than) => double.IsFinite(loss) && loss < than;
}
