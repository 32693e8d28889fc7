using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.LevenbergMarquardt;

/// <summary>Options of <c>levenberg-marquardt</c>. Damping is relative to σ_max², so it does not depend on
/// the scale of the residuals: the absolute λ is <c>damping · σ_max(J)²</c>.</summary>
public sealed record LevenbergMarquardtOptions : IValidatableOptions
{
    /// <summary>Relative damping of the first step, in (0, 1e6].</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>Floor of the relative damping, in [0, 1): at 0 the step becomes the Gauss–Newton step J⁺r.</summary>
    public double MinDamping { get; init; } = 1e-16;

    /// <summary>Ceiling of the relative damping: reaching it stops the run (no step lowers the loss).</summary>
    public double MaxDamping { get; init; } = 1e8;

    /// <summary>Trial directions per step (each costs one loss evaluation, the SVD is reused), 1..100.</summary>
    public int MaxTrials { get; init; } = 30;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(InitialDamping > 0 && InitialDamping <= 1e6)) yield return new(nameof(InitialDamping), "must be in (0, 1e6]");
        if (!(MinDamping >= 0 && MinDamping < 1)) yield return new(nameof(MinDamping), "must be in [0, 1)");
        if (!(MaxDamping > InitialDamping) || double.IsInfinity(MaxDamping)) yield return new(nameof(MaxDamping), "must be finite and above initialDamping");
        if (MaxTrials is < 1 or > 100) yield return new(nameof(MaxTrials), "must be between 1 and 100");
    }
}
