namespace Pinn.Abstractions.Residuals;

/// <summary>L = ½‖r‖² and its split over conditions (L = Σ_c L_c, L_c = ½ w_c mean(residual_c²)).</summary>
/// <param name="Total">L.</param>
/// <param name="ByCondition">L_c by condition name.</param>
public sealed record LossReport(double Total, IReadOnlyDictionary<string, double> ByCondition);
