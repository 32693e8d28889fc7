using Pinn.Abstractions.Plugins;

namespace MyOptimizer;

/// <summary>Options of the optimizer, read from the manifest's <c>"options"</c> (camelCase keys).</summary>
public sealed record MomentumDescentOptions : IValidatableOptions
{
    /// <summary>Learning rate η: the step is θ ← θ − η·v. Must be &gt; 0.</summary>
    public double Lr { get; init; } = 1e-2;

    /// <summary>Momentum β in v ← β·v + ∇L, from 0 (plain gradient descent) to below 1.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0) || double.IsInfinity(Lr)) yield return new(nameof(Lr), "must be a finite number > 0");
        if (!(Momentum is >= 0 and < 1)) yield return new(nameof(Momentum), "must be in [0, 1)");
    }
}
