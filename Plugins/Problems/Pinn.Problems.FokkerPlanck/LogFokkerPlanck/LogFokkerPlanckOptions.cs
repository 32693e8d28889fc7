using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.FokkerPlanck.LogFokkerPlanck;

/// <summary>Options of <c>fokker-planck9d</c>.</summary>
public sealed record LogFokkerPlanckOptions : IValidatableOptions
{
    /// <summary>The spatial dimension d, ≥ 1 (9 in the paper).</summary>
    public int Dimension { get; init; } = 9;

    /// <summary>The half-width L of the spatial box [−L, L]^d, &gt; 0 (5 in the paper).</summary>
    public double HalfWidth { get; init; } = 5;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Dimension < 1) yield return new(nameof(Dimension), $"must be ≥ 1 (got {Dimension})");
        if (!(HalfWidth > 0) || double.IsInfinity(HalfWidth)) yield return new(nameof(HalfWidth), $"must be a finite number > 0 (got {HalfWidth})");
    }
}
