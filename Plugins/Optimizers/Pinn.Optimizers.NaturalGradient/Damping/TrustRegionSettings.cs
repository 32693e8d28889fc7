namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>Settings of <see cref="TrustRegionFallback"/>, from an optimizer's options.</summary>
/// <param name="Mode">Whether the fallback is on.</param>
/// <param name="InitialDamping">µ when the phase starts.</param>
/// <param name="MaxDamping">Ceiling of µ: passing it ends the stage.</param>
/// <param name="StallWindow">Line-search steps over which a stall is judged (0: failures only).</param>
/// <param name="StallDecrease">The relative decrease of the loss over the window below which the line search has stalled.</param>
internal sealed record TrustRegionSettings(LineSearchFallback Mode, double InitialDamping, double MaxDamping, int StallWindow, double StallDecrease);
