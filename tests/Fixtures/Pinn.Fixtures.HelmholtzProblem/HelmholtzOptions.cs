using Pinn.Abstractions.Plugins;

namespace Pinn.Fixtures.HelmholtzProblem;

/// <summary>Options of <c>fixture-helmholtz</c>.</summary>
/// <param name="Wavenumber">k in Δu + k²u = f, ≥ 0.</param>
/// <param name="Frequency">n in u* = sin(πx) sin(nπy), a positive integer (so that u* = 0 on the boundary).</param>
public sealed record HelmholtzOptions(double Wavenumber = 1.0, int Frequency = 4) : IValidatableOptions
{
    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Wavenumber >= 0) || double.IsInfinity(Wavenumber)) yield return new(nameof(Wavenumber), "must be ≥ 0");
        if (Frequency < 1) yield return new(nameof(Frequency), "must be a positive integer");
    }
}
