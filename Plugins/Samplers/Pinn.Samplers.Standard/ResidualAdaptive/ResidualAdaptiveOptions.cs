using Pinn.Abstractions.Plugins;

namespace Pinn.Samplers.Standard.ResidualAdaptive;

/// <summary>
/// Options shared by <c>rad</c> and <c>rar-d</c>: the density p(x) ∝ |ε(x)|ᵏ / E[|ε|ᵏ] + c of Wu et al.
/// (CMAME 403, 2023) and where its candidates come from. The defaults of k and c differ per sampler.
/// </summary>
public abstract record ResidualAdaptiveOptions : IValidatableOptions
{
    /// <summary>Largest candidate count: torch's multinomial sampling takes at most 2²⁴ categories.</summary>
    public const int MaxCandidates = 1 << 24;

    /// <summary>The exponent k ≥ 0 of |ε|: larger k concentrates the points where the residual is large,
    /// k = 0 gives the base sampler's distribution.</summary>
    public double K { get; init; }

    /// <summary>The uniform part c ≥ 0 added to the normalised |ε|ᵏ: larger c spreads the points more evenly
    /// (c → ∞: the base sampler's distribution).</summary>
    public double C { get; init; }

    /// <summary>How the first points and the candidates are drawn: <c>uniform</c> (default, as in the paper), <c>lhs</c> or
    /// <c>halton</c>.</summary>
    public string BaseSampler { get; init; } = "uniform";

    /// <summary>Candidate points drawn from the base sampler at every resampling, among which the points are
    /// chosen: 1 … 2²⁴, default 10 000. For <c>rad</c> at least each condition's point count.</summary>
    public int Candidates { get; init; } = 10_000;

    /// <inheritdoc />
    public virtual IEnumerable<OptionError> Validate()
    {
        if (!(K >= 0) || double.IsInfinity(K)) yield return new(nameof(K), "must be a finite number ≥ 0");
        if (!(C >= 0) || double.IsInfinity(C)) yield return new(nameof(C), "must be a finite number ≥ 0");
        if (!BaseSamplers.Contains(BaseSampler))
            yield return new(nameof(BaseSampler), $"must be one of {string.Join(", ", BaseSamplers.Names)}");
        if (Candidates is < 1 or > MaxCandidates) yield return new(nameof(Candidates), $"must be between 1 and {MaxCandidates}");
    }
}
