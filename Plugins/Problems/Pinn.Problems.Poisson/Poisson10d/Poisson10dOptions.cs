using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Poisson.Poisson10d;

/// <summary>Options of <c>poisson10d</c>.</summary>
public sealed record Poisson10dOptions : IValidatableOptions
{
    /// <summary>d, the dimension of the cube [0,1]^d: even and ≥ 2 (10 in the paper), since u* pairs the coordinates.</summary>
    public int Dimension { get; init; } = 10;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 2 || Dimension % 2 != 0) yield return new(nameof(Dimension), $"must be even and ≥ 2 (got {Dimension})");
    }
}
