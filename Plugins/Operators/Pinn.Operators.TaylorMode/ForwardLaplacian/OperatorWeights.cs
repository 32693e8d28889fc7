using Pinn.Operators.TaylorMode.Stacking;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// The weights λ_pk of the P collapsed operators over the K directions, and the two contractions the
/// forward Laplacian needs with them. Holds numbers, not tensors: the backward pass runs after the
/// engine's dispose scope has ended. Both contractions run over the nonzero λ_pk one [N, h] column at a time
/// (see <see cref="ColumnSum"/>): no [N, K, h] temporary.
/// </summary>
internal sealed class OperatorWeights(double[,] lambda)
{
    private readonly double[,] _lambda = (double[,])lambda.Clone();
    private readonly int _k = lambda.GetLength(1);
    private readonly int _p = lambda.GetLength(0);

    /// <summary>λ_0k, k = 0 … K − 1, when there is one operator (P = 1), else null.</summary>
    public double[]? SingleOperator { get; } = lambda.GetLength(0) == 1
        ? Enumerable.Range(0, lambda.GetLength(1)).Select(k => lambda[0, k]).ToArray()
        : null;

    /// <summary>The one weight of a single operator that weighs every direction alike (Δ: 1), else null.</summary>
    private double? Uniform => SingleOperator is { } w && w.All(x => x == w[0]) ? w[0] : null;

    /// <summary>Σₖ λ_pk D_k² for D [N, K, h]: [N, P, h].</summary>
    public torch.Tensor Curvature(torch.Tensor directions)
    {
        var result = torch.zeros([directions.shape[0], _p, directions.shape[2]], directions.dtype, directions.device);
        for (var p = 0; p < _p; p++)
        {
            using var row = result[.., p, ..];
            for (var k = 0; k < _k; k++)
                if (_lambda[p, k] != 0) ColumnSum.AddProduct(row, directions, directions, k, _lambda[p, k]);
        }
        return result;
    }

    /// <summary>target += D ⊙ (Σ_p λ_pk c_p), for target and D [N, K, h], c [N, P, h].</summary>
    public void AddCurvatureGradient(torch.Tensor target, torch.Tensor directions, torch.Tensor c)
    {
        if (Uniform is { } w)
        {
            target.addcmul_(directions, c, w);                                      // c [N, 1, h] broadcast over the K columns
            return;
        }
        for (var k = 0; k < _k; k++)
        {
            using var column = target[.., k, ..];
            using var direction = directions[.., k, ..];
            for (var p = 0; p < _p; p++)
            {
                if (_lambda[p, k] == 0) continue;
                using var weight = c[.., p, ..];
                column.addcmul_(direction, weight, _lambda[p, k]);
            }
        }
    }
}
