using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.Heat2dMultiscale;

/// <summary>Options of <c>heat2d-ms</c>.</summary>
public sealed record Heat2dMultiscaleOptions : IValidatableOptions
{
    /// <summary>k in the initial profile sin(kπx) sin(πy), ≥ 1 (PINNacle: 20; its parametric runs use 5, 10, 40).</summary>
    public double Frequency { get; init; } = 20;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Frequency >= 1) || double.IsInfinity(Frequency)) yield return new(nameof(Frequency), "must be ≥ 1");
    }
}
