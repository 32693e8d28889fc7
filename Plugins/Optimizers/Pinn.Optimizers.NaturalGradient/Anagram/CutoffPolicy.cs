namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>How ANaGRAM chooses the singular-value cutoff.</summary>
public enum CutoffPolicy
{
    /// <summary>A fixed relative cutoff rcond·σ_max (ANaGRAM).</summary>
    Fixed,
    /// <summary>AMStramGRAM's two ranks that follow the spectrum and the residual over training (see <c>AdaptiveCutoff</c>).</summary>
    Adaptive,
}
