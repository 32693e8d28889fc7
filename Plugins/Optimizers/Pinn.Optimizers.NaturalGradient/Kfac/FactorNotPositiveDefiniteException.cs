namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>A damped Kronecker factor whose Cholesky factorisation failed: its entries are not finite, or the damping is
/// too small for their size.</summary>
internal sealed class FactorNotPositiveDefiniteException()
    : InvalidOperationException("a Kronecker factor is not positive definite (not finite, or the damping is too small for its size): raise the damping");
