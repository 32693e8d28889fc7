using Pinn.Abstractions.Weighting;
using Pinn.Weighting.Standard.Schedule;
using TorchSharp;

namespace Pinn.Weighting.Standard.SoftAdapt;

/// <summary>
/// SoftAdapt (Heydari, Thompson &amp; Mehmood 2019): with sᵢ = Lᵢ(t) − Lᵢ(t − k) the change of each condition's loss since
/// the last update (divided by Σⱼ|sⱼ| when normalized), λᵢ = m · fᵢ exp(β sᵢ) / Σⱼ fⱼ exp(β sⱼ), where fᵢ = Lᵢ(t) in the
/// loss-weighted variant and 1 otherwise. Scaled by the number of conditions m, so that equal rates give multipliers of 1.
/// The first update only remembers the losses.
/// </summary>
internal sealed class SoftAdaptWeighting(SoftAdaptOptions options) : ILossWeighting
{
    private readonly LossHistory _previous = new("previous");

    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0) return null;
        var losses = LossHistory.Measure(context);
        var previous = _previous.Values;
        _previous.Values = losses;
        if (previous is null) return null;
        var rates = losses.Select((l, i) => l - previous[i]).ToArray();
        var total = rates.Sum(Math.Abs);
        if (options.Normalized && total > 0) rates = rates.Select(s => s / total).ToArray();
        var lambda = StableSoftmax.TimesCount(rates.Select(s => options.Beta * s).ToArray(), options.LossWeighted ? losses : null);
        return new WeightUpdate(context.Conditions.Select((c, i) => (c.Name, lambda[i])).ToDictionary(p => p.Name, p => p.Item2));
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>();
        _previous.WriteTo(state);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) => _previous.ReadFrom(state);
}
