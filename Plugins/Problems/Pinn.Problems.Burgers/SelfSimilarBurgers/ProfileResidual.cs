using TorchSharp;

namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>
/// The self-similar Burgers residual R = −λU + ((1+λ)X + U) U′ and its X-derivatives, written through the
/// derivatives of U by Leibniz's rule: (X U′)^{(n)} = X U^{(n+1)} + n U^{(n)} and
/// (U U′)^{(n)} = Σⱼ C(n,j) U^{(j)} U^{(n+1−j)}, so
/// R^{(n)} = ((1+λ)n − λ) U^{(n)} + (1+λ) X U^{(n+1)} + Σ_{j=0}^{n} C(n,j) U^{(j)} U^{(n+1−j)}.
/// </summary>
internal static class ProfileResidual
{
    /// <summary>R^{(n)} [N, 1].</summary>
    /// <param name="n">The derivative order, ≥ 0.</param>
    /// <param name="x">X [N, 1].</param>
    /// <param name="u">U^{(0)}, …, U^{(n+1)}, each [N, 1] (at least n + 2 of them).</param>
    /// <param name="lambda">λ, a tensor that broadcasts against [N, 1] (e.g. [1]).</param>
    public static torch.Tensor Derivative(int n, torch.Tensor x, IReadOnlyList<torch.Tensor> u, torch.Tensor lambda)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be ≥ 0");
        if (u.Count < n + 2) throw new ArgumentException($"R^({n}) needs U^(0..{n + 1}), got {u.Count} derivatives", nameof(u));
        var onePlus = 1 + lambda;
        var result = (onePlus * n - lambda) * u[n] + onePlus * x * u[n + 1];
        var binomial = 1.0;
        for (var j = 0; j <= n; j++)
        {
            result = result + binomial * u[j] * u[n + 1 - j];
            binomial = binomial * (n - j) / (j + 1);
        }
        return result;
    }
}
