using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Poisson.Poisson100d;

/// <summary>Options of <c>poisson100d</c>.</summary>
public sealed record Poisson100dOptions : IValidatableOptions
{
    /// <summary>d, the dimension of the cube [0,1]^d, ≥ 1 (100 in the paper).</summary>
    public int Dimension { get; init; } = 100;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 1) yield return new(nameof(Dimension), $"must be ≥ 1 (got {Dimension})");
    }
}
