using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>Options of <c>anagram</c>.</summary>
public sealed record AnagramOptions : TrustRegionOptions, IValidatableOptions
{
    /// <summary><c>fixed</c> (default) or <c>adaptive</c>. The adaptive rule reached 2.4e-6 on heat1d (seed 1, 60 s)
    /// where the fixed cutoff reaches 3e-9, so it is an option, not the default.</summary>
    public CutoffPolicy Cutoff { get; init; } = CutoffPolicy.Fixed;

    /// <summary>Relative cutoff of the fixed policy, in [0, 1): singular values ≤ rcond·σ_max are dropped.
    /// 1e-10: on heat1d with held-out seeds 1–3 (60 s) 1e-11 reached 5.1e-10, 1.4e-5 and 1.1e-9, 1e-10 3.0e-9, 2.5e-9
    /// and 1.8e-9.</summary>
    public double Rcond { get; init; } = 1e-10;

    /// <summary>Adaptive policy: modes with σ ≤ rcondFloor·σ_max (float64 rounding) are never kept, in [0, 1).</summary>
    public double RcondFloor { get; init; } = 1e-13;

    /// <summary>Adaptive policy: ε, the RMS residual below which further modes count as not needed (rank₂), &gt; 0.</summary>
    public double ResidualTolerance { get; init; } = 1e-12;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default), <c>full-grid</c> (every grid point, as in the papers), <c>from-previous</c> (start at twice the last α) or
    /// <c>parabolic</c> (start at the last α and move where the parabola through the loss and its slope points).</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Rcond >= 0 && Rcond < 1)) yield return new(nameof(Rcond), "must be in [0, 1)");
        if (!(RcondFloor >= 0 && RcondFloor < 1)) yield return new(nameof(RcondFloor), "must be in [0, 1)");
        if (!(ResidualTolerance > 0) || double.IsInfinity(ResidualTolerance)) yield return new(nameof(ResidualTolerance), "must be > 0 and finite");
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
        foreach (var error in ValidateTrustRegion()) yield return error;
    }
}
