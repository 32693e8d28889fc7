using Pinn.Abstractions.Plugins;

namespace MyWeighting;

/// <summary>Options of the scheme, read from the manifest's <c>"weighting": { "options": … }</c> (camelCase keys).</summary>
public sealed record InverseLossOptions : IValidatableOptions
{
    /// <summary>Update the multipliers every this many steps. ≥ 1.</summary>
    public int Every { get; init; } = 10;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Every < 1) yield return new(nameof(Every), "must be ≥ 1");
    }
}
