using Pinn.Abstractions.Plugins;
using Pinn.Optimizers.NaturalGradient.LineSearch;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>Options of <c>anagram</c>.</summary>
public sealed record AnagramOptions : IValidatableOptions
{
    /// <summary><c>adaptive</c> (default) or <c>fixed</c>.</summary>
    public CutoffPolicy Cutoff { get; init; } = CutoffPolicy.Adaptive;

    /// <summary>Relative cutoff of the fixed policy, in [0, 1): singular values ≤ rcond·σ_max are dropped.</summary>
    public double Rcond { get; init; } = 1e-10;

    /// <summary>Grid points of the line search, α = 2⁰ … 2^-(n−1); 1..64.</summary>
    public int LineSearchPoints { get; init; } = 31;

    /// <summary><c>first-minimum</c> (default) or <c>full-grid</c>.</summary>
    public LineSearchMode LineSearch { get; init; } = LineSearchMode.FirstMinimum;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Rcond >= 0 && Rcond < 1)) yield return new(nameof(Rcond), "must be in [0, 1)");
        if (LineSearchPoints is < 1 or > 64) yield return new(nameof(LineSearchPoints), "must be between 1 and 64");
    }
}
