using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.FirstOrder.Adam;

/// <summary>Options of <c>adam</c>.</summary>
public sealed record AdamOptions : IValidatableOptions
{
    /// <summary>Step size, &gt; 0.</summary>
    public double Lr { get; init; } = 1e-3;

    /// <summary>Decay of the first moment, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the second moment, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to √v̂, &gt; 0.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be > 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) yield return new(nameof(Beta1), "must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) yield return new(nameof(Beta2), "must be in [0, 1)");
        if (!(Eps > 0)) yield return new(nameof(Eps), "must be > 0");
    }
}
