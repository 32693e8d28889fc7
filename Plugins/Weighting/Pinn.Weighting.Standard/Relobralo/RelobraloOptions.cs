using Pinn.Abstractions.Plugins;

namespace Pinn.Weighting.Standard.Relobralo;

/// <summary>Options of <c>relobralo</c>.</summary>
public sealed record RelobraloOptions : IValidatableOptions
{
    /// <summary>Share of the history term: λ = α·λ_hist + (1 − α)·λ_bal(t, t − 1). In [0, 1].</summary>
    public double Alpha { get; init; } = 0.999;

    /// <summary>E[ρ], the "saudade": the probability that the history term keeps the previous multipliers rather than
    /// looking back to the first update. In [0, 1].</summary>
    public double Saudade { get; init; } = 0.999;

    /// <summary>Temperature T of the softmax over loss ratios, &gt; 0.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>Update every this many steps (one loss evaluation each). ≥ 1.</summary>
    public int Every { get; init; } = 1;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Alpha >= 0 && Alpha <= 1)) yield return new(nameof(Alpha), "must be in [0, 1]");
        if (!(Saudade >= 0 && Saudade <= 1)) yield return new(nameof(Saudade), "must be in [0, 1]");
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) yield return new(nameof(Temperature), "must be a finite number > 0");
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
    }
}
