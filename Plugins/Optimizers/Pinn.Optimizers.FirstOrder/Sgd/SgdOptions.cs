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

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be > 0");
        if (!(Momentum >= 0 && Momentum < 1)) yield return new(nameof(Momentum), "must be in [0, 1)");
        if (Nesterov && Momentum == 0) yield return new(nameof(Nesterov), "needs momentum > 0");
    }
}
