using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>Options of <c>engd</c>.</summary>
public sealed record EngdOptions : TrustRegionOptions, IValidatableOptions
{
    /// <summary><c>svd</c> (default) or <c>gramian</c>.</summary>
    public EngdSolve Solve { get; init; } = EngdSolve.Svd;

    /// <summary>Relative singular-value cutoff of the SVD route, in [0, 1).</summary>
    public double Rcond { get; init; } = 1e-10;

    /// <summary>Damping ε of the Gramian route, ≥ 0.</summary>
    public double Damping { get; init; } = 1e-10;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default: stop at the first grid minimum from α = 1 down), <c>full-grid</c> (every grid point, as in the papers), <c>from-previous</c> (start at twice the last α) or
    /// <c>parabolic</c> (start at the last α and move where the parabola through the loss and its slope points).</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Rcond >= 0 && Rcond < 1)) yield return new(nameof(Rcond), "must be in [0, 1)");
        if (!(Damping >= 0) || double.IsInfinity(Damping)) yield return new(nameof(Damping), "must be ≥ 0");
        foreach (var error in ValidateTrustRegion()) yield return error;
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
    }
}
