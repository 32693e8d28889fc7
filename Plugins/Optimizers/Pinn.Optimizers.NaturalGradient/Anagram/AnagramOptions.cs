using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>Options of <c>anagram</c>.</summary>
public sealed record AnagramOptions : IValidatableOptions
{
    /// <summary><c>adaptive</c> (default) or <c>fixed</c>.</summary>
    public CutoffPolicy Cutoff { get; init; } = CutoffPolicy.Adaptive;

    /// <summary>Relative cutoff of the fixed policy, in [0, 1): singular values ≤ rcond·σ_max are dropped.
    /// 1e-11 was the best fixed value on both poisson2d and heat1d in our sweep (1e-10, 1e-11, 1e-12; 60 s
    /// runs of the manifests in manifests/).</summary>
    public double Rcond { get; init; } = 1e-11;

    /// <summary>Adaptive policy: modes with σ ≤ rcondFloor·σ_max (float64 rounding) are never kept, in [0, 1).</summary>
    public double RcondFloor { get; init; } = 1e-13;

    /// <summary>Adaptive policy: ε, the RMS residual below which further modes count as not needed (rank₂), &gt; 0.</summary>
    public double ResidualTolerance { get; init; } = 1e-12;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default) or <c>full-grid</c>.</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Rcond >= 0 && Rcond < 1)) yield return new(nameof(Rcond), "must be in [0, 1)");
        if (!(RcondFloor >= 0 && RcondFloor < 1)) yield return new(nameof(RcondFloor), "must be in [0, 1)");
        if (!(ResidualTolerance > 0) || double.IsInfinity(ResidualTolerance)) yield return new(nameof(ResidualTolerance), "must be > 0 and finite");
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
    }
}
