namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>How ANaGRAM chooses the singular-value cutoff.</summary>
public enum CutoffPolicy
{
    /// <summary>A fixed relative cutoff rcond·σ_max (ANaGRAM).</summary>
    Fixed,
    /// <summary>A cutoff that follows the spectrum and the residual over training (see <c>AdaptiveCutoff</c>).</summary>
    Adaptive,
}
