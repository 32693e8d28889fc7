using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// (B₁ ⊗ A₁ + B₂ ⊗ A₂)⁻¹ for symmetric positive definite A₁, B₁ and symmetric positive semi-definite A₂, B₂,
/// applied to a matrix V [h_out, h_in] (the row-major layout of a layer's weight: (B ⊗ A) vec V = vec(B V A)).
/// With the generalised eigenbases P_A (P_Aᵀ A₁ P_A = I, P_Aᵀ A₂ P_A = Λ_A) and likewise P_B, the sum is
/// (P_B ⊗ P_A)⁻ᵀ (I + Λ_B ⊗ Λ_A) (P_B ⊗ P_A)⁻¹, so X = P_B [(P_Bᵀ V P_A) ⊘ (1 + λ_B λ_Aᵀ)] P_Aᵀ.
/// Each basis costs one Cholesky factorisation, three triangular solves and one symmetric eigen-decomposition.
/// </summary>
internal sealed class KroneckerSumInverse : IDisposable
{
    private readonly torch.Tensor _pA;
    private readonly torch.Tensor _pB;
    private readonly torch.Tensor _denominator; // 1 + λ_B λ_Aᵀ [h_out, h_in]

    private KroneckerSumInverse(torch.Tensor pA, torch.Tensor pB, torch.Tensor denominator)
    {
        _pA = pA;
        _pB = pB;
        _denominator = denominator;
    }

    /// <summary>The inverse of B₁ ⊗ A₁ + B₂ ⊗ A₂; A₂ and B₂ may be null (a single product).</summary>
    /// <param name="a1">A₁ [h_in, h_in], SPD.</param>
    /// <param name="b1">B₁ [h_out, h_out], SPD.</param>
    /// <param name="a2">A₂ [h_in, h_in], PSD, or null.</param>
    /// <param name="b2">B₂ [h_out, h_out], PSD, or null.</param>
    public static KroneckerSumInverse Of(torch.Tensor a1, torch.Tensor b1, torch.Tensor? a2, torch.Tensor? b2)
    {
        using var scope = torch.NewDisposeScope();
        var (pA, lambdaA) = GeneralizedBasis(a1, a2);
        var (pB, lambdaB) = GeneralizedBasis(b1, b2);
        var denominator = 1 + lambdaB.unsqueeze(1) * lambdaA.unsqueeze(0);
        return new KroneckerSumInverse(pA.DetachFromDisposeScope(), pB.DetachFromDisposeScope(), denominator.DetachFromDisposeScope());
    }

    /// <summary>X = (B₁ ⊗ A₁ + B₂ ⊗ A₂)⁻¹ V for V [h_out, h_in].</summary>
    public torch.Tensor Apply(torch.Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var rotated = _pB.t().matmul(v).matmul(_pA) / _denominator;
        return _pB.matmul(rotated).matmul(_pA.t()).MoveToOuterDisposeScope();
    }

    /// <summary>P with Pᵀ M₁ P = I and Pᵀ M₂ P = diag(λ): M₁ = L Lᵀ, L⁻¹ M₂ L⁻ᵀ = U Λ Uᵀ, P = L⁻ᵀ U, by
    /// triangular solves (no explicit inverse).</summary>
    private static (torch.Tensor P, torch.Tensor Lambda) GeneralizedBasis(torch.Tensor m1, torch.Tensor? m2)
    {
        var (factor, info) = torch.linalg.cholesky_ex(m1);
        if (info.item<int>() != 0)
            throw new FactorNotPositiveDefiniteException();
        var h = m1.shape[0];
        if (m2 is null)
            return (torch.linalg.solve_triangular(factor.t(), torch.eye(h, dtype: m1.dtype, device: m1.device), upper: true), torch.zeros(h, m1.dtype, m1.device));
        var half = torch.linalg.solve_triangular(factor, m2, upper: false);                  // L⁻¹ M₂
        var reduced = torch.linalg.solve_triangular(factor, half.t(), upper: false);           // L⁻¹ M₂ L⁻ᵀ (M₂ symmetric)
        var (lambda, u) = torch.linalg.eigh(0.5 * (reduced + reduced.t()));
        return (torch.linalg.solve_triangular(factor.t(), u, upper: true), lambda.clamp_min(0));
    }

    public void Dispose()
    {
        _pA.Dispose();
        _pB.Dispose();
        _denominator.Dispose();
    }
}
