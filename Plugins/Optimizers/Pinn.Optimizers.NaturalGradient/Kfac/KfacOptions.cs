using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>Options of <c>kfac</c> (defaults: rounded from the KFAC paper's best 2d Poisson run at D = 9873: λ 2.64e-11, µ 0.0999, β 0.556).</summary>
public sealed record KfacOptions : IValidatableOptions
{
    /// <summary>β of the factors' exponential moving averages, in [0, 1).</summary>
    public double Ema { get; init; } = 0.56;

    /// <summary>λ added to every Kronecker factor, &gt; 0.</summary>
    public double Damping { get; init; } = 2.6e-11;

    /// <summary>µ: the step direction is −P⁻¹∇L + µ·(previous step), in [0, 1).</summary>
    public double Momentum { get; init; } = 0.1;

    /// <summary><c>identity</c> (default) or <c>zero</c>: what the moving averages start from.</summary>
    public FactorInitialization FactorInit { get; init; } = FactorInitialization.Identity;

    /// <summary>Recompute the factors and their eigen-decompositions every this many steps (1: every step), 1..10000.</summary>
    public int RefreshEvery { get; init; } = 1;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>parabolic</c> (default: start at the last α and move only where the parabola through the loss, its
    /// slope along the step and the loss at the last α points, 1–2 evaluations), <c>from-previous</c> (start at twice
    /// the last α, about 3 evaluations), <c>first-minimum</c> or <c>full-grid</c> (the paper's 31 evaluations).</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.Parabolic;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        foreach (var error in KfacOptionRules.Curvature(Ema, Damping, RefreshEvery)) yield return error;
        if (!(Momentum >= 0 && Momentum < 1)) yield return new(nameof(Momentum), $"must be in [0, 1) (got {Momentum})");
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
    }
}
