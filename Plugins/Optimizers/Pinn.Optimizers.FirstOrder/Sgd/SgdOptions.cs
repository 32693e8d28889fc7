using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.FirstOrder.Sgd;

/// <summary>Options of <c>sgd</c>.</summary>
public sealed record SgdOptions : IValidatableOptions
{
    /// <summary>Step size, &gt; 0.</summary>
    public double Lr { get; init; } = 1e-3;

    /// <summary>Heavy-ball momentum µ in [0, 1); 0 is plain gradient descent.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov's variant of momentum (needs momentum &gt; 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Clip the gradient to this global ℓ2 norm before it is used (g ← g·min(1, c/‖g‖)); null (default): no
    /// clipping. &gt; 0. The norm before clipping is logged as the diagnostic <c>unclippedGradientNorm</c>.</summary>
    public double? ClipNorm { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be > 0");
        if (!(Momentum >= 0 && Momentum < 1)) yield return new(nameof(Momentum), "must be in [0, 1)");
        if (Nesterov && Momentum == 0) yield return new(nameof(Nesterov), "needs momentum > 0");
        if (ClipNorm is { } clip && !(clip > 0 && double.IsFinite(clip))) yield return new(nameof(ClipNorm), "must be a finite number > 0 (or null: no clipping)");
    }
}
