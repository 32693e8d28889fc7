namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>What the moving averages of the Kronecker factors start from.</summary>
public enum FactorInitialization
{
    /// <summary>Â₀ = I, B̂₀ = I (every best run of the KFAC paper chose it).</summary>
    Identity,
    /// <summary>Â₀ = 0, B̂₀ = 0: the first averages are (1 − β) times the first factors.</summary>
    Zero,
}
