using Pinn.Abstractions.Residuals;

namespace Pinn.Host.Training;

/// <summary>
/// Morozov's discrepancy principle as a stage's stopping rule: fitting noisy data further than their noise fits the
/// noise, so a stage ends once every named condition's root-mean-square residual is at or below its given level.
/// </summary>
internal static class DiscrepancyPrinciple
{
    /// <summary>
    /// The reason to stop ("discrepancy: observations rms 0.0998 ≤ 0.1"), or null while some condition's rms is above
    /// its level. The rms of condition c is √(2·L_c / w_c): L_c = ½·(w_c/N_c)·Σ|r_i|² is its part of the loss at the
    /// current parameters (<paramref name="losses"/>), w_c its weight in <paramref name="blocks"/>.
    /// </summary>
    public static string? Reached(IReadOnlyDictionary<string, double> levels, IReadOnlyDictionary<string, double> losses, IReadOnlyList<ResidualBlock> blocks)
    {
        var parts = new List<string>();
        foreach (var (condition, level) in levels)
        {
            var weight = blocks.First(b => b.Condition == condition).Weight;
            var rms = Math.Sqrt(2 * losses[condition] / weight);
            if (!(rms <= level)) return null;
            parts.Add($"{condition} rms {rms:G5} ≤ {level:G5}");
        }
        return "discrepancy: " + string.Join(", ", parts);
    }
}
