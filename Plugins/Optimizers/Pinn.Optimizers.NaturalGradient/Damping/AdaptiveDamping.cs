using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// Nielsen's rule for a relative damping µ (λ = µ·scale) driven by the gain ratio ρ = actual / predicted
/// reduction: an accepted step (ρ &gt; 0) sets µ ← max(floor, µ·max(⅓, 1 − (2ρ − 1)³)) and ν ← 2; a rejected one
/// µ ← µ·ν, ν ← 2ν. The state of Levenberg–Marquardt and of ENGD's trust-region fallback, kept in checkpoints
/// under <c>&lt;prefix&gt;damping</c> and <c>&lt;prefix&gt;growth</c>.
/// </summary>
internal sealed class AdaptiveDamping(double relative)
{
    /// <summary>µ, relative to the solver's scale.</summary>
    public double Relative { get; set; } = relative;

    /// <summary>ν, the factor of the next rejection.</summary>
    public double Growth { get; private set; } = 2;

    /// <summary>After a step with gain ratio <paramref name="rho"/> &gt; 0 was taken.</summary>
    public void Accepted(double rho, double floor)
    {
        Relative = Math.Max(floor, Relative * Math.Max(1.0 / 3, 1 - Math.Pow(2 * rho - 1, 3)));
        Growth = 2;
    }

    /// <summary>After a trial was rejected.</summary>
    public void Rejected()
    {
        Relative *= Growth;
        Growth *= 2;
    }

    /// <summary>Back to <paramref name="relative"/> with ν = 2.</summary>
    public void Reset(double relative)
    {
        Relative = relative;
        Growth = 2;
    }

    /// <summary>µ and ν as float64 scalars.</summary>
    public void SaveTo(IDictionary<string, torch.Tensor> state, string prefix = "")
    {
        state[prefix + "damping"] = torch.tensor(Relative, torch.float64);
        state[prefix + "growth"] = torch.tensor(Growth, torch.float64);
    }

    /// <summary>Reads what <see cref="SaveTo"/> wrote; false (state unchanged) when the keys are absent.</summary>
    public bool LoadFrom(IReadOnlyDictionary<string, torch.Tensor> state, string prefix = "")
    {
        if (!state.TryGetValue(prefix + "damping", out var damping) || !state.TryGetValue(prefix + "growth", out var growth)) return false;
        Relative = damping.ToDouble();
        Growth = growth.ToDouble();
        return true;
    }
}
