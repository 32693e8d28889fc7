using System.Globalization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.AllenCahn.AllenCahn;

/// <summary>Options of <c>allen-cahn</c>: ∂t u − ε ∂xx u = a(u − u³), and the resolution of its reference solver.</summary>
public sealed record AllenCahnOptions : IValidatableOptions
{
    /// <summary>Largest Chebyshev degree allowed (the snapshots keep (N+1)·(K+1) doubles).</summary>
    public const int MaxChebyshevDegree = 1024;

    /// <summary>Most time steps allowed.</summary>
    public const int MaxTimeSteps = 20000;

    /// <summary>The diffusivity ε, &gt; 0 and finite (10⁻³ in the literature).</summary>
    public double Diffusivity { get; init; } = 1e-3;

    /// <summary>The reaction coefficient a in a(u − u³), finite and ≥ 0 (5 in the literature).</summary>
    public double Reaction { get; init; } = 5;

    /// <summary>
    /// N, the degree of the reference solver's Chebyshev collocation in x (N + 1 points), even, in
    /// [16, 1024]. 640 resolves the interfaces of width ~√(2ε/a) = 0.02 to about 10⁻¹¹ at the defaults.
    /// </summary>
    public int ChebyshevDegree { get; init; } = 640;

    /// <summary>
    /// K, the number of ETDRK4 steps of the reference solver on t ∈ [0, 1] (Δt = 1/K), in
    /// [10, 20000]. 1000 makes the time error about 10⁻¹¹ at the defaults.
    /// </summary>
    public int TimeSteps { get; init; } = 1000;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Diffusivity > 0) || double.IsInfinity(Diffusivity))
            yield return new(nameof(Diffusivity), "must be a finite number > 0");
        if (!(Reaction >= 0) || double.IsInfinity(Reaction))
            yield return new(nameof(Reaction), "must be a finite number ≥ 0");
        if (ChebyshevDegree < 16 || ChebyshevDegree > MaxChebyshevDegree || ChebyshevDegree % 2 != 0)
            yield return new(nameof(ChebyshevDegree), $"must be an even integer in [16, {MaxChebyshevDegree}]");
        if (TimeSteps < 10 || TimeSteps > MaxTimeSteps)
            yield return new(nameof(TimeSteps), $"must be an integer in [10, {MaxTimeSteps}]");
    }

    /// <summary>
    /// The canonical text of every option the reference values depend on, with the solver's
    /// version: the key of the reference cache.
    /// </summary>
    public string ReferenceKey() => string.Create(CultureInfo.InvariantCulture,
        $"solver=chebyshev-etdrk4-even/1;diffusivity={Diffusivity:R};reaction={Reaction:R};chebyshevDegree={ChebyshevDegree};timeSteps={TimeSteps}");
}
