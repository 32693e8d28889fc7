using Pinn.Abstractions.Plugins;

namespace Pinn.Weighting.Standard.Causal;

/// <summary>Options of <c>causal</c>.</summary>
public sealed record CausalOptions : IValidatableOptions
{
    /// <summary>ε, the causality parameter: how strongly a time slice waits for the residual of earlier slices to fall, &gt; 0.</summary>
    public double Epsilon { get; init; } = 1.0;

    /// <summary>Number of equal time slices the interval is cut into. 2 … 4096.</summary>
    public int Slices { get; init; } = 32;

    /// <summary>Update every this many steps (one residual evaluation without a graph each). ≥ 1.</summary>
    public int Every { get; init; } = 1;

    /// <summary>The time-dependent condition to weight (default: the problem's first condition on a space-time domain, its PDE residual by convention).</summary>
    public string? Condition { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Epsilon > 0) || double.IsInfinity(Epsilon)) yield return new(nameof(Epsilon), "must be a finite number > 0");
        if (Slices is < 2 or > 4096) yield return new(nameof(Slices), "must be in 2 … 4096");
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
    }
}
