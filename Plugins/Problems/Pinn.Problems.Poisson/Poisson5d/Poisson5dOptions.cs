using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Poisson.Poisson5d;

/// <summary>Options of <c>poisson5d</c>.</summary>
public sealed record Poisson5dOptions : IValidatableOptions
{
    /// <summary>d, the dimension of the cube [0,1]^d, ≥ 1 (5 in the papers).</summary>
    public int Dimension { get; init; } = 5;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 1) yield return new(nameof(Dimension), $"must be ≥ 1 (got {Dimension})");
    }
}
