using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.NavierStokes.Kovasznay;

/// <summary>Options of <c>kovasznay</c>.</summary>
public sealed record KovasznayOptions : IValidatableOptions
{
    /// <summary>The Reynolds number Re = 1/ν, &gt; 0 (20 in the literature).</summary>
    public double Reynolds { get; init; } = 20;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Reynolds > 0) || double.IsInfinity(Reynolds)) yield return new(nameof(Reynolds), "must be > 0");
    }
}
