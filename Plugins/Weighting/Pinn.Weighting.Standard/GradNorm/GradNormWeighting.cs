using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Weighting.Standard.GradNorm;

/// <summary>
/// Learning-rate annealing (Wang, Teng &amp; Perdikaris 2021): every k steps, for each condition c other than the anchor r,
/// λ̂_c = max_θ |∇_θ L_r| / mean_θ |∇_θ L_c| and λ_c ← α·λ_c + (1 − α)·λ̂_c, so that no condition's gradient is drowned by
/// the residual's. A condition whose gradient is exactly zero keeps its multiplier.
/// </summary>
internal sealed class GradNormWeighting(GradNormOptions options, Condition anchor) : ILossWeighting
{
    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0) return null;
        using var scope = torch.NewDisposeScope();
        var scale = context.Gradient(anchor.Name).abs().max().ToDouble();
        var multipliers = new Dictionary<string, double>();
        var diagnostics = new Dictionary<string, double> { [$"maxGradient.{anchor.Name}"] = scale };
        foreach (var c in context.Conditions.Where(c => c.Name != anchor.Name))
        {
            var mean = context.Gradient(c.Name).abs().mean().ToDouble();
            diagnostics[$"meanGradient.{c.Name}"] = mean;
            if (!(mean > 0) || !double.IsFinite(scale / mean)) continue;
            multipliers[c.Name] = options.Alpha * context.Multipliers[c.Name] + (1 - options.Alpha) * scale / mean;
        }
        return new WeightUpdate(multipliers, Diagnostics: diagnostics);
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) { }
}
