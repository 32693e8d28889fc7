using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace MyWeighting;

/// <summary>
/// Inverse-loss balancing: every k steps λ_c = (1/m) Σ_j L_j / L_c, so that every condition's weighted loss λ_c·L_c is
/// the mean of the losses. A condition whose loss is 0 keeps its multiplier. Stateless: what it sets, the host keeps in
/// checkpoints.
/// </summary>
internal sealed class InverseLossWeighting(InverseLossOptions options) : ILossWeighting
{
    /// <inheritdoc />
    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0) return null;
        var losses = context.Conditions.ToDictionary(c => c.Name, c => context.Loss(c.Name));
        var mean = losses.Values.Average();
        var multipliers = losses.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => mean / kv.Value);
        return new WeightUpdate(multipliers, Diagnostics: new Dictionary<string, double> { ["meanLoss"] = mean });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    /// <inheritdoc />
    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) { }
}
