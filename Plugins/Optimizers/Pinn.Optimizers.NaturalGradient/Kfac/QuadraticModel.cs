using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>The 2×2 system of KFAC*: the α, µ that minimise m(αΔ + µδ₀) = ½‖J(αΔ + µδ₀)‖² + ½λ‖αΔ + µδ₀‖² + ∇Lᵀ(αΔ + µδ₀).</summary>
internal static class QuadraticModel
{
    /// <summary>(α, µ); µ = 0 when δ₀ is zero or the system is singular.</summary>
    /// <param name="linearization">J at θ.</param>
    /// <param name="gradient">∇L [D].</param>
    /// <param name="direction">Δ [D].</param>
    /// <param name="previous">δ₀ [D].</param>
    /// <param name="damping">λ.</param>
    public static (double Alpha, double Mu) Minimise(ILinearization linearization, torch.Tensor gradient, torch.Tensor direction, torch.Tensor previous, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var jd = linearization.Times(direction);
        var a11 = jd.dot(jd).ToDouble() + damping * direction.dot(direction).ToDouble();
        var b1 = gradient.dot(direction).ToDouble();
        var previousNorm = previous.dot(previous).ToDouble();
        if (previousNorm == 0) return (a11 > 0 ? -b1 / a11 : 0, 0);
        var jp = linearization.Times(previous);
        var a12 = jd.dot(jp).ToDouble() + damping * direction.dot(previous).ToDouble();
        var a22 = jp.dot(jp).ToDouble() + damping * previousNorm;
        var b2 = gradient.dot(previous).ToDouble();
        var determinant = a11 * a22 - a12 * a12;
        if (!(Math.Abs(determinant) > 1e-14 * a11 * a22)) return (a11 > 0 ? -b1 / a11 : 0, 0);
        return ((-b1 * a22 + b2 * a12) / determinant, (-b2 * a11 + b1 * a12) / determinant);
    }
}
