using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.HeatInverse;

/// <summary>Options of <c>heat-inverse</c>.</summary>
public sealed record HeatInverseOptions : IValidatableOptions
{
    /// <summary>σ of the Gaussian noise on the observations of u, ≥ 0 (PINNacle: 0.1), drawn from the run's seed.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>
    /// Whether the condition <c>steady-coefficient</c> asks ∂t a = 0 in the interior (default true: the coefficient is a
    /// function of space alone). <c>false</c> is PINNacle's formulation, where only the data and the PDE shape a.
    /// </summary>
    public bool SteadyCoefficient { get; init; } = true;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Noise >= 0) || double.IsInfinity(Noise)) yield return new(nameof(Noise), "must be ≥ 0");
    }
}
