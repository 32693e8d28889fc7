using Pinn.Samplers.Standard.ResidualAdaptive;

namespace Pinn.Samplers.Standard.Rad;

/// <summary>
/// Options of <c>rad</c>. Defaults k = 1, c = 1: the paper's recommended default for RAD. Also
/// <c>baseSampler</c> (default <c>uniform</c>) and <c>candidates</c> (default 10 000, at least each
/// condition's point count).
/// </summary>
public sealed record RadOptions : ResidualAdaptiveOptions
{
    /// <summary>k = 1, c = 1.</summary>
    public RadOptions()
    {
        K = 1;
        C = 1;
    }
}
