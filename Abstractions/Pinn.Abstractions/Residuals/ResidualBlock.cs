namespace Pinn.Abstractions.Residuals;

/// <summary>The slice of r that belongs to one condition.</summary>
/// <param name="Condition">The condition's name.</param>
/// <param name="Offset">First index in r.</param>
/// <param name="Length">Number of residuals (points × components).</param>
/// <param name="Points">N_c.</param>
/// <param name="Weight">w_c.</param>
public sealed record ResidualBlock(string Condition, long Offset, long Length, int Points, double Weight);
