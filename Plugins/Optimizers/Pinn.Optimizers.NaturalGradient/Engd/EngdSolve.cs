namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>How the Gauss–Newton direction d = J⁺r is computed.</summary>
public enum EngdSolve
{
    /// <summary>Thin SVD of J, singular values above rcond·σ_max: keeps float64's digits.</summary>
    Svd,
    /// <summary>The published route: (JᵀJ + εI) d = Jᵀr; cheaper, but squares the condition number.</summary>
    Gramian,
}
