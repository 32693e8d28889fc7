using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>The L2-star discrepancy of points of the unit cube, by Warnock's closed form.</summary>
internal static class L2StarDiscrepancy
{
    /// <summary>
    /// T(x) = sqrt(3^−d − 2^(1−d)/N Σ_i Π_k (1 − x_ik²) + 1/N² Σ_(i,l) Π_k (1 − max(x_ik, x_lk)))
    /// for x of shape [N, d] in [0,1]^d. Builds an [N, N, d] tensor: keep N·N·d small.
    /// </summary>
    public static double Of(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var (n, d) = (x.shape[0], x.shape[1]);
        var first = (1 - x.square()).prod(1).sum().item<double>() * Math.Pow(2, 1 - d) / n;
        var pairwise = (1 - torch.maximum(x.unsqueeze(1), x.unsqueeze(0))).prod(2).sum().item<double>() / ((double)n * n);
        return Math.Sqrt(Math.Pow(3, -d) - first + pairwise);
    }
}
