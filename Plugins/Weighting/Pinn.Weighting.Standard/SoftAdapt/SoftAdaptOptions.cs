using Pinn.Abstractions.Plugins;

namespace Pinn.Weighting.Standard.SoftAdapt;

/// <summary>Options of <c>softadapt</c>.</summary>
public sealed record SoftAdaptOptions : IValidatableOptions
{
    /// <summary>β of the softmax over the losses' rates of change; &gt; 0 favours the conditions whose loss falls slowest.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Divide the rates of change by Σ|sⱼ|, so β does not depend on the losses' scale.</summary>
    public bool Normalized { get; init; } = true;

    /// <summary>Multiply each softmax term by its condition's loss (SoftAdapt's loss-weighted variant).</summary>
    public bool LossWeighted { get; init; } = true;

    /// <summary>Update every this many steps; the rates of change are taken between updates. ≥ 1.</summary>
    public int Every { get; init; } = 10;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!double.IsFinite(Beta)) yield return new(nameof(Beta), "must be a finite number");
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
    }
}
