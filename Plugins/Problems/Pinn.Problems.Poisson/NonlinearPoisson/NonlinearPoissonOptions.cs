using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Poisson.NonlinearPoisson;

/// <summary>Options of <c>nonlinear-poisson</c>.</summary>
public sealed record NonlinearPoissonOptions : IValidatableOptions
{
    /// <summary>d, the dimension of the cube [−1,1]^d, ≥ 1 (1 is the ENGD paper's set-up; 2 and 5 match the ANaGRAM suite's dimensions).</summary>
    public int Dimension { get; init; } = 2;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 1) yield return new(nameof(Dimension), $"must be ≥ 1 (got {Dimension})");
    }
}
