namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>What a line-search optimizer of the Gauss–Newton family (<c>engd</c>, <c>anagram</c>) does when no
/// step size on its grid lowers the loss.</summary>
public enum LineSearchFallback
{
    /// <summary>Go on as a trust-region method for the rest of the stage: damp the Gauss–Newton system
    /// (λ = µ·σ_max², µ from <c>initialDamping</c>), retry with more damping while no step lowers the loss, and damp
    /// less as steps succeed (the gain-ratio rule of <c>levenberg-marquardt</c>).</summary>
    TrustRegion,
    /// <summary>End the stage, as the ENGD and ANaGRAM papers do.</summary>
    Stop,
}
