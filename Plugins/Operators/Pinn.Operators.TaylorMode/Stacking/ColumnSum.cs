using TorchSharp;

namespace Pinn.Operators.TaylorMode.Stacking;

/// <summary>
/// Weighted sums over the column axis of a stacked block [N, S, h], as a matrix product. libtorch's own
/// reduction over that middle axis (<c>sum(1)</c>) measured about 100 ms per forward Laplacian call at
/// d = 10 on 2 cores, more than all the layer matmuls together; the GEMM form is a small fraction of that.
/// </summary>
internal static class ColumnSum
{
    /// <summary>Σ_s t[:, s, :] · w[s, p] for w [S, P]: [N, P, h].</summary>
    public static torch.Tensor Weighted(torch.Tensor t, torch.Tensor weights)
        => torch.matmul(t.transpose(1, 2), weights).transpose(1, 2);

    /// <summary>Σ_s t[:, s, :]: [N, h].</summary>
    public static torch.Tensor Plain(torch.Tensor t)
    {
        using var ones = torch.ones([t.shape[1], 1], t.dtype, t.device);
        return torch.matmul(t.transpose(1, 2), ones).squeeze(-1);
    }
}
