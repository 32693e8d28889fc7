using Pinn.Abstractions.Plugins;

namespace Pinn.Weighting.Standard.Ntk;

/// <summary>Options of <c>ntk</c>.</summary>
public sealed record NtkOptions : IValidatableOptions
{
    /// <summary>Update every this many steps (the kernel traces cost one Jacobian row per point used). ≥ 1.</summary>
    public int Every { get; init; } = 100;

    /// <summary>Points per condition the trace is averaged over (the first ones of its current points; a point set uses all). ≥ 1.</summary>
    public int MaxPoints { get; init; } = 256;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
        if (MaxPoints < 1) yield return new(nameof(MaxPoints), "must be ≥ 1");
    }
}
