using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Heat.HeatNd;

/// <summary>Options of <c>heat-nd</c>.</summary>
public sealed record HeatNdOptions : IValidatableOptions
{
    /// <summary>d, the space dimension, 1 … 100 (PINNacle: 5; its parametric runs use 4, 6, 8, 10).</summary>
    public int Dimension { get; init; } = 5;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension is < 1 or > 100) yield return new(nameof(Dimension), "must be between 1 and 100");
    }
}
