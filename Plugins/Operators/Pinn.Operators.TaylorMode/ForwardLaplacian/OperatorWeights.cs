using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// The weights λ_pk of the P collapsed operators over the K directions, and the two contractions the
/// forward Laplacian needs with them. A plain Laplacian (one operator, every weight 1) skips the weights.
/// Holds numbers, not tensors: the backward pass runs after the engine's dispose scope has ended, so the
/// small weight tensors are made where they are used.
/// </summary>
internal sealed class OperatorWeights
{
    private readonly double[][] _rows;   // P rows of K weights
    private readonly bool _unit;

    public OperatorWeights(double[,] lambda)
    {
        var (p, k) = (lambda.GetLength(0), lambda.GetLength(1));
        _rows = new double[p][];
        var unit = p == 1;
        for (var i = 0; i < p; i++)
        {
            _rows[i] = new double[k];
            for (var j = 0; j < k; j++)
            {
                _rows[i][j] = lambda[i, j];
                unit &= lambda[i, j] == 1.0;
            }
        }
        _unit = unit;
    }

    /// <summary>Σₖ λ_pk D_k² for D [N, K, h]: [N, P, h].</summary>
    public torch.Tensor Curvature(torch.Tensor directions)
    {
        using var scope = torch.NewDisposeScope();
        var squares = directions.square();
        var result = _unit
            ? squares.sum(1, keepdim: true)
            : torch.cat(_rows.Select(r => (squares * Row(r, directions)).sum(1, keepdim: true)).ToArray(), 1);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>target += Σ_p λ_pk c_p D_k, for target and D [N, K, h], c [N, P, h].</summary>
    public void AddCurvatureGradient(torch.Tensor target, torch.Tensor directions, torch.Tensor c)
    {
        if (_unit)
        {
            target.addcmul_(directions, c, 1.0);
            return;
        }
        using var scope = torch.NewDisposeScope();
        for (var p = 0; p < _rows.Length; p++)
            target.addcmul_(directions * Row(_rows[p], directions), c[.., p..(p + 1), ..], 1.0);
    }

    private static torch.Tensor Row(double[] row, torch.Tensor like) => torch.tensor(row, [1, row.Length, 1], like.dtype, like.device);
}
