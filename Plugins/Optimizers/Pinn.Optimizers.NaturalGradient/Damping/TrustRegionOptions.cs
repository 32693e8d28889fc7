using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>The options of the trust-region phase that <c>engd</c> and <c>anagram</c> share (see
/// <see cref="LineSearchFallback"/>).</summary>
public abstract record TrustRegionOptions
{
    /// <summary><c>trust-region</c> (default): when the line search finds no lower loss or has stalled, damp and retry
    /// instead of ending the stage, and go on with damped steps; <c>stop</c>: end the stage when the line search finds
    /// no lower loss.</summary>
    public LineSearchFallback Fallback { get; init; } = LineSearchFallback.TrustRegion;

    /// <summary>Relative damping µ the trust-region phase starts from (λ = µ·σ_max²), in (0, 1e6].</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>Ceiling of µ: passing it ends the stage (no damping finds a lower loss).</summary>
    public double MaxDamping { get; init; } = 1e8;

    /// <summary>The trust-region phase also starts when the loss fell by less than a fraction <c>stallDecrease</c> over
    /// the last this many line-search steps (0: only when a line search fails), 0..10000. 20 with 1e-4 catches the
    /// crawls of heat4d, laplace5d and nonlinear-poisson (10⁻⁶ per step and less) and leaves heat1d's early slow phase
    /// (4·10⁻⁴ per 20 steps at the least, seeds 0–3) to the line search.</summary>
    public int StallWindow { get; init; } = 20;

    /// <summary>See <c>stallWindow</c>, in (0, 1).</summary>
    public double StallDecrease { get; init; } = 1e-4;

    internal TrustRegionSettings TrustRegion => new(Fallback, InitialDamping, MaxDamping, StallWindow, StallDecrease);

    /// <summary>The errors of these options.</summary>
    protected IEnumerable<OptionError> ValidateTrustRegion()
    {
        if (!(InitialDamping > 0 && InitialDamping <= 1e6)) yield return new(nameof(InitialDamping), "must be in (0, 1e6]");
        if (!(MaxDamping > InitialDamping) || double.IsInfinity(MaxDamping)) yield return new(nameof(MaxDamping), "must be finite and above initialDamping");
        if (StallWindow is < 0 or > 10000) yield return new(nameof(StallWindow), "must be between 0 and 10000");
        if (!(StallDecrease > 0 && StallDecrease < 1)) yield return new(nameof(StallDecrease), "must be in (0, 1)");
    }
}
