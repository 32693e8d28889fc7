using Pinn.Abstractions.Plugins;

namespace Pinn.Weighting.Standard.GradNorm;

/// <summary>Options of <c>grad-norm</c>.</summary>
public sealed record GradNormOptions : IValidatableOptions
{
    /// <summary>Share of the old multiplier the moving average keeps: λ ← α·λ + (1 − α)·λ̂. In [0, 1).</summary>
    public double Alpha { get; init; } = 0.9;

    /// <summary>Update every this many steps (the gradients of every condition cost one backward pass each). ≥ 1.</summary>
    public int Every { get; init; } = 10;

    /// <summary>The condition whose gradient sets the scale and whose multiplier stays 1 (default: the problem's first,
    /// its PDE residual by convention).</summary>
    public string? Anchor { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Alpha >= 0 && Alpha < 1)) yield return new(nameof(Alpha), "must be in [0, 1)");
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
    }
}
