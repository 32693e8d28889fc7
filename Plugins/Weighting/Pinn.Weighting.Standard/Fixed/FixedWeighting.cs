using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Weighting.Standard.Fixed;

/// <summary>The manifest's weights, unchanged: every multiplier stays 1.</summary>
internal sealed class FixedWeighting : ILossWeighting
{
    public WeightUpdate? Update(IWeightingContext context) => null;

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) { }
}
