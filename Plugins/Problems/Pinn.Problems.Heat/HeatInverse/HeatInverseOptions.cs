using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.HeatInverse;

/// <summary>Options of <c>heat-inverse</c>.</summary>
public sealed record HeatInverseOptions : IValidatableOptions
{
    /// <summary>σ of the Gaussian noise on the observations of u, ≥ 0 (PINNacle: 0.1), drawn from the run's seed.</summary>
    public double Noise { get; init; } = 0.1;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Noise >= 0) || double.IsInfinity(Noise)) yield return new(nameof(Noise), "must be ≥ 0");
    }
}
