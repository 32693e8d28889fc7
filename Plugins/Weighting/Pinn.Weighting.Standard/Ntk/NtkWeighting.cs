using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Weighting.Standard.Ntk;

/// <summary>
/// NTK weights in trace form (Wang, Yu &amp; Perdikaris 2022): every k steps λ_c = (Σ_j T_j) / T_c, where T_c is the trace
/// of condition c's tangent kernel per point (<see cref="IWeightingContext.KernelTrace"/>), so that every condition's
/// block of the kernel, scaled by its weight, has the same mean eigenvalue and converges at the same rate. Traces per
/// point rather than whole traces, because each condition's loss is a mean over its points: a condition with many
/// points is not weighted down for having them. A condition whose trace is zero keeps its multiplier.
/// </summary>
internal sealed class NtkWeighting(NtkOptions options) : ILossWeighting
{
    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0) return null;
        var traces = context.Conditions.ToDictionary(c => c.Name, c => context.KernelTrace(c.Name, options.MaxPoints));
        var total = traces.Values.Sum();
        var multipliers = traces.Where(kv => kv.Value > 0 && double.IsFinite(total / kv.Value)).ToDictionary(kv => kv.Key, kv => total / kv.Value);
        return new WeightUpdate(multipliers, Diagnostics: traces.ToDictionary(kv => $"trace.{kv.Key}", kv => kv.Value));
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) { }
}
