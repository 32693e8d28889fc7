using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Burgers.Burgers;

/// <summary>Options of <c>burgers</c>.</summary>
public sealed record BurgersOptions : IValidatableOptions
{
    /// <summary>The largest Gauss–Hermite rule accepted.</summary>
    public const int MaxQuadratureNodes = 2000;

    /// <summary>The viscosity ν in ∂t u + u ∂x u = ν ∂xx u, &gt; 0 (0.01/π in the literature).</summary>
    public double Viscosity { get; init; } = 0.01 / Math.PI;

    /// <summary>
    /// Gauss–Hermite nodes of the Cole–Hopf reference, 8..2000. For ν = 0.01/π successive rules agree to
    /// 1e-13 from 80 nodes on and to rounding (≈5e-15) from 100 on, over all of [0,1] × [−1,1]; smaller ν
    /// narrows the integrands after the shock forms and needs more.
    /// </summary>
    public int QuadratureNodes { get; init; } = 120;

    /// <summary>
    /// What the error is measured against: <c>cole-hopf</c> (the default), or <c>pinnacle</c>, PINNacle's COMSOL
    /// reference at its 1,111 nodes (which holds for the default ν = 0.01/π only).
    /// </summary>
    public BurgersReference Reference { get; init; } = BurgersReference.ColeHopf;

    /// <summary>The viscosity of PINNacle's Burgers1d-C, the one its reference file was computed for.</summary>
    public const double PinnacleViscosity = 0.01 / Math.PI;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Viscosity > 0) || double.IsInfinity(Viscosity)) yield return new(nameof(Viscosity), "must be > 0 and finite");
        if (QuadratureNodes is < 8 or > MaxQuadratureNodes)
            yield return new(nameof(QuadratureNodes), $"must be between 8 and {MaxQuadratureNodes}");
        if (Reference == BurgersReference.Pinnacle && !(Math.Abs(Viscosity - PinnacleViscosity) <= 1e-9 * PinnacleViscosity))
            yield return new(nameof(Reference), $"'pinnacle' is a solution for viscosity 0.01/π only (not {Viscosity})");
    }
}
