using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>Options of <c>kfac-star</c>: the curvature of <c>kfac</c>; step size and momentum come from the quadratic model
/// (defaults: rounded from the KFAC paper's best KFAC* run on 2d Poisson at D = 9873: λ 2.99e-13, β 0.626).</summary>
public sealed record KfacStarOptions : IValidatableOptions
{
    /// <summary>β of the factors' exponential moving averages, in [0, 1).</summary>
    public double Ema { get; init; } = 0.63;

    /// <summary>λ added to every Kronecker factor and to the Gramian of the quadratic model, &gt; 0.</summary>
    public double Damping { get; init; } = 3e-13;

    /// <summary><c>identity</c> (default) or <c>zero</c>.</summary>
    public FactorInitialization FactorInit { get; init; } = FactorInitialization.Identity;

    /// <summary>Recompute the factors and their eigen-decompositions every this many steps, 1..10000.</summary>
    public int RefreshEvery { get; init; } = 1;

    /// <summary>A step after which the loss is above this multiple of the loss before it (or not finite) is undone and
    /// the momentum cleared: the quadratic model has no line search to catch a step it mispredicts. &gt; 1; ten undone
    /// steps in a row end the stage.</summary>
    public double RevertAbove { get; init; } = 10;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        foreach (var error in KfacOptionRules.Curvature(Ema, Damping, RefreshEvery)) yield return error;
        if (!(RevertAbove > 1) || double.IsPositiveInfinity(RevertAbove))
            yield return new(nameof(RevertAbove), $"must be a finite number above 1 (got {RevertAbove})");
    }
}
