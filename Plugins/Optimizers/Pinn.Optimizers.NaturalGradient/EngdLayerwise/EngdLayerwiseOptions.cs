using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.Engd;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.EngdLayerwise;

/// <summary>Options of <c>engd-layerwise</c>: those of <c>engd</c>, applied to each layer's block.</summary>
public sealed record EngdLayerwiseOptions : IValidatableOptions
{
    /// <summary><c>gramian</c> (default, the published layer-wise ENGD: (J_lᵀJ_l + εI) d_l = J_lᵀr by Cholesky)
    /// or <c>svd</c> (d_l = J_l⁺r with relative cutoff rcond).</summary>
    public EngdSolve Solve { get; init; } = EngdSolve.Gramian;

    /// <summary>Relative singular-value cutoff of each block's SVD, in [0, 1).</summary>
    public double Rcond { get; init; } = 1e-10;

    /// <summary>Damping ε of each block's Gramian, ≥ 0.</summary>
    public double Damping { get; init; } = 1e-10;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default), <c>full-grid</c> (every grid point, as in the papers), <c>from-previous</c> (start at twice the last α) or
    /// <c>parabolic</c> (start at the last α and move where the parabola through the loss and its slope points).</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate() =>
        new EngdOptions { Solve = Solve, Rcond = Rcond, Damping = Damping, LineSearchPoints = LineSearchPoints, LineSearch = LineSearch }.Validate();
}
