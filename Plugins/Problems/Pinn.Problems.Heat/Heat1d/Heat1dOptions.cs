using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.Heat1d;

/// <summary>Options of <c>heat1d</c>.</summary>
public sealed record Heat1dOptions : IValidatableOptions
{
    /// <summary>The diffusivity κ in ∂t u = κ ∂xx u, &gt; 0 (¼ in the literature).</summary>
    public double Diffusivity { get; init; } = 0.25;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Diffusivity > 0) || double.IsInfinity(Diffusivity)) yield return new(nameof(Diffusivity), "must be > 0");
    }
}
