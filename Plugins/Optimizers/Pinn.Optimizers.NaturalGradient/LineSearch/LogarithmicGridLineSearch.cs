using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.LineSearch;

/// <summary>
/// The step length of the ENGD papers: the α in {2⁰, 2⁻¹, …, 2⁻ᵏ} with the smallest loss along θ − α d,
/// by forward evaluations only. A step that lowers no loss is rejected (α = 0).
/// </summary>
internal sealed class LogarithmicGridLineSearch(int points)
{
    private readonly double[] _steps = Enumerable.Range(0, points).Select(i => -Math.Pow(2, -i)).ToArray();

    /// <summary>The chosen α (0 when nothing lowers the loss) and the loss there.</summary>
    public (double Alpha, double Loss) Search(IResidualModel model, torch.Tensor direction, double currentLoss)
    {
        using var scope = torch.NewDisposeScope();
        var losses = model.LossesAlong(direction, _steps).data<double>().ToArray();
        var best = -1;
        for (var i = 0; i < losses.Length; i++)
            if (double.IsFinite(losses[i]) && losses[i] < currentLoss && (best < 0 || losses[i] < losses[best])) best = i;
        return best < 0 ? (0, currentLoss) : (-_steps[best], losses[best]);
    }
}
