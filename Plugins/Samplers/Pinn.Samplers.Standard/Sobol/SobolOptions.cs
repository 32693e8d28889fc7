using Pinn.Abstractions.Plugins;

namespace Pinn.Samplers.Standard.Sobol;

/// <summary>Options of <c>sobol</c>.</summary>
public sealed record SobolOptions : IValidatableOptions
{
    /// <summary>Point indices lie in [0, 2^52): the direction integers have 52 bits.</summary>
    internal const long IndexLimit = 1L << SobolSampler.Bits;

    /// <summary>
    /// true (default): randomised QMC. Each call draws, from the generator it is given, a fresh random
    /// linear matrix scramble (a lower-triangular binary matrix with unit diagonal per coordinate) and a
    /// random digital shift; the points depend only on the seed and keep the Sobol' stratification.
    /// false: the plain Joe–Kuo sequence, the same points on every call (resampling then changes nothing).
    /// </summary>
    public bool Scramble { get; init; } = true;

    /// <summary>
    /// Index of the first point returned, an integer in [0, 2^52); 0 (default) starts the sequence at its
    /// first point, which unscrambled is the origin (a corner of the domain's box). The origin is kept on
    /// purpose: 2^m consecutive points starting at a multiple of 2^m put exactly one point in each
    /// interval [k/2^m, (k+1)/2^m) of every coordinate, and skipping the first point spoils that balance
    /// (A. B. Owen, "On dropping the first Sobol' point", MCQMC 2020, Springer 2022). Scrambled, the
    /// first point is a uniform random point anyway.
    /// </summary>
    public long Skip { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Skip < 0 || Skip >= IndexLimit) yield return new(nameof(Skip), $"must be an integer in [0, 2^{SobolSampler.Bits}), got {Skip}");
    }
}
