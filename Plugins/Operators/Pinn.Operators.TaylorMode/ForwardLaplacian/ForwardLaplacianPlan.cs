using Pinn.Abstractions.Derivatives;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// What to propagate for a request: the value, the first derivatives along a set of directions
/// (deduplicated: unit axes for gradients and Laplacians, eigenvectors for general operators), and one
/// collapsed second-order term per operator. Column layout: 0 value, 1..K directions, K+1..K+P operators.
/// </summary>
internal sealed class ForwardLaplacianPlan
{
    private readonly List<double[]> _directions = [];
    private readonly List<CollapsedOperator> _operators = [];
    private readonly Dictionary<DerivativeKey, int> _columns = [];

    public ForwardLaplacianPlan(DerivativeRequest request, int dimension)
    {
        Dimension = dimension;
        var operatorKeys = new List<DerivativeKey>();
        foreach (var key in request.Keys)
        {
            switch (key)
            {
                case PartialDerivative { IsValue: true }:
                    break;
                case PartialDerivative { Order: 1 } p:
                    Direction(Unit(p.Axes[0]));
                    break;
                case PartialDerivative { Order: 2 } p:
                    operatorKeys.Add(key);
                    _operators.Add(p.Axes[0] == p.Axes[1]
                        ? new CollapsedOperator([Direction(Unit(p.Axes[0]))], [1.0])
                        : Mixed(p.Axes[0], p.Axes[1]));
                    break;
                case LaplacianOperator l:
                    operatorKeys.Add(key);
                    var axes = l.AxesFor(dimension);
                    _operators.Add(new CollapsedOperator(axes.Select(a => Direction(Unit(a))).ToArray(), axes.Select(_ => 1.0).ToArray()));
                    break;
                case SecondOrderOperator s:
                    operatorKeys.Add(key);
                    _operators.Add(Eigen(s));
                    break;
                default:
                    throw new ArgumentException($"forward-laplacian cannot compute {key}");
            }
        }
        _columns[PartialDerivative.Value] = 0;
        foreach (var key in request.Keys.OfType<PartialDerivative>().Where(p => p.Order == 1))
            _columns[key] = 1 + IndexOf(Unit(key.Axes[0]));
        for (var k = 0; k < operatorKeys.Count; k++) _columns[operatorKeys[k]] = 1 + _directions.Count + k;
    }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>K.</summary>
    public int DirectionCount => _directions.Count;

    /// <summary>P.</summary>
    public int OperatorCount => _operators.Count;

    /// <summary>The column holding a requested quantity.</summary>
    public int ColumnOf(DerivativeKey key) => _columns[key];

    /// <summary>The directions as rows, [K, d].</summary>
    public torch.Tensor DirectionMatrix(torch.ScalarType dtype, torch.Device device)
        => torch.tensor(_directions.SelectMany(v => v).ToArray(), [DirectionCount, Dimension], dtype, device);

    /// <summary>Λ [P, K]: the weight of direction k in operator p.</summary>
    public double[,] Weights()
    {
        var weights = new double[OperatorCount, DirectionCount];
        for (var p = 0; p < OperatorCount; p++)
        for (var i = 0; i < _operators[p].Directions.Length; i++)
            weights[p, _operators[p].Directions[i]] += _operators[p].Weights[i];
        return weights;
    }

    private double[] Unit(int axis)
    {
        if (axis >= Dimension) throw new ArgumentException($"axis {axis} is beyond the input dimension {Dimension}");
        var v = new double[Dimension];
        v[axis] = 1;
        return v;
    }

    private int IndexOf(double[] v) => _directions.FindIndex(u => u.AsSpan().SequenceEqual(v));

    private int Direction(double[] v)
    {
        var i = IndexOf(v);
        if (i >= 0) return i;
        _directions.Add(v);
        return _directions.Count - 1;
    }

    /// <summary>∂ᵢⱼ = ½ ∂²/∂v₊² − ½ ∂²/∂v₋² with v± = (eᵢ ± eⱼ)/√2.</summary>
    private CollapsedOperator Mixed(int i, int j)
    {
        var plus = new double[Dimension];
        var minus = new double[Dimension];
        plus[i] = plus[j] = minus[i] = Math.Sqrt(0.5);
        minus[j] = -Math.Sqrt(0.5);
        return new CollapsedOperator([Direction(plus), Direction(minus)], [0.5, -0.5]);
    }

    /// <summary>Eigen-decomposition of C; directions with |λ| below 1e-14·max|λ| are dropped.</summary>
    private CollapsedOperator Eigen(SecondOrderOperator s)
    {
        if (s.Dimension != Dimension)
            throw new ArgumentException($"operator of dimension {s.Dimension} on a network of input dimension {Dimension}");
        var c = s.Coefficients();
        if (IsDiagonal(c))
        {
            var axes = Enumerable.Range(0, Dimension).Where(i => c[i, i] != 0).ToArray();
            return new CollapsedOperator(axes.Select(a => Direction(Unit(a))).ToArray(), axes.Select(a => c[a, a]).ToArray());
        }
        using var scope = torch.NewDisposeScope();
        var flat = new double[Dimension * Dimension];
        for (var i = 0; i < Dimension; i++)
        for (var j = 0; j < Dimension; j++)
            flat[i * Dimension + j] = c[i, j];
        var (values, vectors) = torch.linalg.eigh(torch.tensor(flat, [Dimension, Dimension], torch.float64));
        var lambda = values.data<double>().ToArray();
        var v = vectors.t().contiguous().data<double>().ToArray(); // row k = eigenvector k
        var largest = lambda.Max(Math.Abs);
        var directions = new List<int>();
        var weights = new List<double>();
        for (var k = 0; k < Dimension; k++)
        {
            if (Math.Abs(lambda[k]) <= 1e-14 * largest) continue;
            directions.Add(Direction(v[(k * Dimension)..((k + 1) * Dimension)]));
            weights.Add(lambda[k]);
        }
        return new CollapsedOperator(directions.ToArray(), weights.ToArray());
    }

    private static bool IsDiagonal(double[,] c)
    {
        for (var i = 0; i < c.GetLength(0); i++)
        for (var j = 0; j < c.GetLength(1); j++)
            if (i != j && c[i, j] != 0) return false;
        return true;
    }
}
