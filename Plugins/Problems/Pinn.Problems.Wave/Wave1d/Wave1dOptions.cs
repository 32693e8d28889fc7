using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Wave.Wave1d;

/// <summary>Options of <c>wave1d-c</c>.</summary>
public sealed record Wave1dOptions : IValidatableOptions
{
    /// <summary>a in the second mode 0.5 sin(aπx) cos(2aπt), ≥ 1 (PINNacle: 4; its parametric runs use 2, 6, 8, 10).</summary>
    public double Frequency { get; init; } = 4;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Frequency >= 1) || double.IsInfinity(Frequency)) yield return new(nameof(Frequency), "must be ≥ 1");
    }
}
