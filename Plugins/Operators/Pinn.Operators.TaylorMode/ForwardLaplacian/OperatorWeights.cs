using Pinn.Operators.TaylorMode.Stacking;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// The weights λ_pk of the P collapsed operators over the K directions, and the two contractions the
/// forward Laplacian needs with them. Holds numbers, not tensors: the backward pass runs after the
/// engine's dispose scope has ended, so the small weight matrix is made where it is used.
/// </summary>
internal sealed class OperatorWeights(double[,] lambda)
{
    private readonly double[] _transposed = Transpose(lambda);   // Λᵀ [K, P], row-major
    private readonly int _k = lambda.GetLength(1);
    private readonly int _p = lambda.GetLength(0);
    private readonly double? _uniform = Uniform(lambda);   // the one weight of a single operator that weighs every direction alike (Δ: 1)

    /// <summary>Σₖ λ_pk D_k² for D [N, K, h]: [N, P, h].</summary>
    public torch.Tensor Curvature(torch.Tensor directions)
    {
        using var scope = torch.NewDisposeScope();
        var squares = directions.square();
        var result = _uniform is { } w ? squares.sum([1L], keepdim: true).mul_(w) : ColumnSum.Weighted(squares, Matrix(directions));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>target += D ⊙ (Σ_p λ_pk c_p), for target and D [N, K, h], c [N, P, h].</summary>
    public void AddCurvatureGradient(torch.Tensor target, torch.Tensor directions, torch.Tensor c)
    {
        using var scope = torch.NewDisposeScope();
        if (_uniform is { } w)
        {
            target.addcmul_(directions, c, w);                                      // c [N, 1, h] broadcast over the K columns
            return;
        }
        // Σ_p λ_pk c_p: a weighted sum over the P operator columns with weights Λ [P, K].
        var spread = ColumnSum.Weighted(c, Matrix(directions).t());
        target.addcmul_(directions, spread, 1.0);
    }

    private torch.Tensor Matrix(torch.Tensor like) => torch.tensor(_transposed, [_k, _p], like.dtype, like.device);

    private static double? Uniform(double[,] lambda)
    {
        if (lambda.GetLength(0) != 1) return null;
        for (var j = 1; j < lambda.GetLength(1); j++)
            if (lambda[0, j] != lambda[0, 0]) return null;
        return lambda[0, 0];
    }

    private static double[] Transpose(double[,] lambda)
    {
        var (p, k) = (lambda.GetLength(0), lambda.GetLength(1));
        var result = new double[k * p];
        for (var i = 0; i < p; i++)
        for (var j = 0; j < k; j++)
            result[j * p + i] = lambda[i, j];
        return result;
    }
}
