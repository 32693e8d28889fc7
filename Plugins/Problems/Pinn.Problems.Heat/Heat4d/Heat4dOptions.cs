using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.Heat4d;

/// <summary>Options of <c>heat4d</c>.</summary>
public sealed record Heat4dOptions : IValidatableOptions
{
    /// <summary>The spatial dimension d of [0,1]^d, ≥ 1 (4 in the paper).</summary>
    public int Dimension { get; init; } = 4;

    /// <summary>The diffusivity κ in ∂t u = κ Δₓu, &gt; 0 (¼ in the paper, where u* = e^{−t} Σ sin(2xᵢ)).</summary>
    public double Diffusivity { get; init; } = 0.25;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 1) yield return new(nameof(Dimension), $"must be ≥ 1 (got {Dimension})");
        if (!(Diffusivity > 0) || double.IsInfinity(Diffusivity)) yield return new(nameof(Diffusivity), $"must be a finite number > 0 (got {Diffusivity})");
    }
}
