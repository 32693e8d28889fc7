using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>Options of <c>anagram</c>.</summary>
public sealed record AnagramOptions : IValidatableOptions
{
    /// <summary><c>adaptive</c> (default) or <c>fixed</c>.</summary>
    public CutoffPolicy Cutoff { get; init; } = CutoffPolicy.Adaptive;

    /// <summary>Relative cutoff of the fixed policy and the adaptive policy's start, in [0, 1): singular values
    /// ≤ rcond·σ_max are dropped. 1e-11 was the best fixed value on both poisson2d and heat1d in our sweep
    /// (1e-10, 1e-11, 1e-12; 60 s runs of the manifests in manifests/).</summary>
    public double Rcond { get; init; } = 1e-11;

    /// <summary>Adaptive policy: the lowest relative cutoff ever used (float64 rounding level), in [0, rcond].</summary>
    public double RcondFloor { get; init; } = 1e-13;

    /// <summary>Adaptive policy: the highest relative cutoff, in [rcond, 1).</summary>
    public double MaxRcond { get; init; } = 1e-4;

    /// <summary>Adaptive policy: a step "stalls" when the loss falls by less than this factor (L_new > ratio·L), in (0, 1).</summary>
    public double StallRatio { get; init; } = 0.9;

    /// <summary>Adaptive policy: stalled steps in a row before the cutoff moves, 1..100.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default) or <c>full-grid</c>.</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Rcond >= 0 && Rcond < 1)) yield return new(nameof(Rcond), "must be in [0, 1)");
        if (!(RcondFloor >= 0 && RcondFloor <= Rcond)) yield return new(nameof(RcondFloor), "must be in [0, rcond]");
        if (!(MaxRcond >= Rcond && MaxRcond < 1)) yield return new(nameof(MaxRcond), "must be in [rcond, 1)");
        if (!(StallRatio > 0 && StallRatio < 1)) yield return new(nameof(StallRatio), "must be in (0, 1)");
        if (Patience is < 1 or > 100) yield return new(nameof(Patience), "must be between 1 and 100");
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
    }
}
