using TorchSharp;

namespace Pinn.Operators.TaylorMode.Stacking;

/// <summary>
/// Sums over the column axis of a stacked block [N, S, h], accumulated column by column into one [N, h] result:
/// no [N, S, h] temporary is allocated. On 2 cores a fresh block of 12–25 MB costs more than the arithmetic on it
/// (its pages are faulted in and zeroed on first touch), so the forward Laplacian's activation step keeps to the
/// blocks it must return.
/// </summary>
internal static class ColumnSum
{
    /// <summary>Σ_s a[:, s, :] ⊙ b[:, s, :] for a, b [N, S, h] (S ≥ 1): [N, h].</summary>
    public static torch.Tensor Dot(torch.Tensor a, torch.Tensor b)
    {
        var result = a[.., 0, ..] * b[.., 0, ..];
        for (var s = 1; s < a.shape[1]; s++) AddProduct(result, a, b, s, 1.0);
        return result;
    }

    /// <summary>target += value · a[:, s, :] ⊙ b[:, s, :] for target [N, h].</summary>
    public static void AddProduct(torch.Tensor target, torch.Tensor a, torch.Tensor b, int s, double value)
    {
        using var aColumn = a[.., s, ..];
        using var bColumn = ReferenceEquals(a, b) ? null : b[.., s, ..];
        target.addcmul_(aColumn, bColumn ?? aColumn, value);
    }
}
