using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Poisson.PoissonInverse;

/// <summary>Options of <c>poisson-inverse</c>.</summary>
public sealed record PoissonInverseOptions : IValidatableOptions
{
    /// <summary>σ of the Gaussian noise on the observations of u, ≥ 0 (PINNacle: 0.1), drawn from the run's seed.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>Observations per axis: a uniform grid of n × n points of [0, 1]² including its edges, ≥ 2 (PINNacle: 50).</summary>
    public int ObservationGrid { get; init; } = 50;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Noise >= 0) || double.IsInfinity(Noise)) yield return new(nameof(Noise), "must be ≥ 0");
        if (ObservationGrid is < 2 or > 1000) yield return new(nameof(ObservationGrid), "must be between 2 and 1000");
    }
}
