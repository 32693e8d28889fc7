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

    /// <summary>Clip the gradient to this global ℓ2 norm before it is used (g ← g·min(1, c/‖g‖)); null (default): no
    /// clipping. &gt; 0. The norm before clipping is logged as the diagnostic <c>unclippedGradientNorm</c>.</summary>
    public double? ClipNorm { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be > 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) yield return new(nameof(Beta1), "must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) yield return new(nameof(Beta2), "must be in [0, 1)");
        if (!(Eps > 0)) yield return new(nameof(Eps), "must be > 0");
        if (ClipNorm is { } clip && !(clip > 0 && double.IsFinite(clip))) yield return new(nameof(ClipNorm), "must be a finite number > 0 (or null: no clipping)");
    }
}
