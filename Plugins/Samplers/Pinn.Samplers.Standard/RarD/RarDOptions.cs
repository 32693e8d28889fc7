using Pinn.Abstractions.Plugins;
using Pinn.Samplers.Standard.ResidualAdaptive;

namespace Pinn.Samplers.Standard.RarD;

/// <summary>
/// Options of <c>rar-d</c>. Defaults k = 2, c = 0: the paper's recommended default for RAR-D. Also
/// <c>baseSampler</c> (default <c>uniform</c>), <c>candidates</c> (default 10 000) and <c>pointsAdded</c>.
/// </summary>
public sealed record RarDOptions : ResidualAdaptiveOptions
{
    /// <summary>k = 2, c = 0.</summary>
    public RarDOptions()
    {
        K = 2;
        C = 0;
    }

    /// <summary>m: points added to the condition at every resampling, 1 … candidates, default 10.</summary>
    public int PointsAdded { get; init; } = 10;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate()) yield return error;
        if (PointsAdded < 1 || PointsAdded > Candidates)
            yield return new(nameof(PointsAdded), $"must be between 1 and candidates ({Candidates})");
    }
}
