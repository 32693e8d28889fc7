using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.QuasiNewton.Lbfgs;

/// <summary>Options of <c>lbfgs</c>.</summary>
public sealed record LbfgsOptions : IValidatableOptions
{
    /// <summary>Curvature pairs (s, y) kept, 1..1000.</summary>
    public int History { get; init; } = 10;

    /// <summary>The first trial step of each line search (the first step of all is scaled by 1/‖g‖₁ as well), &gt; 0.</summary>
    public double Lr { get; init; } = 1;

    /// <summary>Loss-and-gradient evaluations one line search may spend, 1..1000.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 25;

    /// <summary>Sufficient-decrease constant c₁ of the strong Wolfe conditions, in (0, c₂).</summary>
    public double C1 { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ of the strong Wolfe conditions, in (c₁, 1).</summary>
    public double C2 { get; init; } = 0.9;

    /// <summary>The run stops when ‖∇L‖∞ ≤ this, ≥ 0.</summary>
    public double GradientTolerance { get; init; } = 1e-12;

    /// <summary>The run stops when a step changes no parameter and the loss by more than this (relative), ≥ 0.</summary>
    public double StepTolerance { get; init; } = 1e-15;

    /// <summary>Clip the gradient to this global ℓ2 norm at every evaluation, the line search's included
    /// (g ← g·min(1, c/‖g‖), so the Wolfe conditions see the clipped slope); null (default): no clipping. &gt; 0.</summary>
    public double? ClipNorm { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (History is < 1 or > 1000) yield return new(nameof(History), "must be between 1 and 1000");
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be > 0 and finite");
        if (MaxLineSearchEvaluations is < 1 or > 1000) yield return new(nameof(MaxLineSearchEvaluations), "must be between 1 and 1000");
        if (!(C1 > 0 && C1 < C2)) yield return new(nameof(C1), "must be in (0, c2)");
        if (!(C2 > C1 && C2 < 1)) yield return new(nameof(C2), "must be in (c1, 1)");
        if (!(GradientTolerance >= 0)) yield return new(nameof(GradientTolerance), "must be ≥ 0");
        if (!(StepTolerance >= 0)) yield return new(nameof(StepTolerance), "must be ≥ 0");
        if (ClipNorm is { } clip && !(clip > 0 && double.IsFinite(clip))) yield return new(nameof(ClipNorm), "must be a finite number > 0 (or null: no clipping)");
    }
}
