using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.NavierStokes.LidDrivenCavity;

/// <summary>Options of <c>ns2d-c</c>.</summary>
public sealed record LidDrivenCavityOptions : IValidatableOptions
{
    /// <summary>a in the lid velocity u = a·x(1 − x), &gt; 0 (PINNacle: 4, the benchmark; its reference data ship for 4 only,
    /// other values train without an error measurement).</summary>
    public double LidAmplitude { get; init; } = 4;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(LidAmplitude > 0) || double.IsInfinity(LidAmplitude)) yield return new(nameof(LidAmplitude), "must be > 0");
    }
}
