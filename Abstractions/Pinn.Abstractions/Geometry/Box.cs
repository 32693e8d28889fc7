using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The axis-aligned box Π [lowerᵢ, upperᵢ] in d dimensions. Its boundary pieces are its faces: <c>left</c> and
/// <c>right</c> in one dimension; <c>left</c>, <c>right</c>, <c>bottom</c>, <c>top</c> (x₀ = lower, x₀ = upper,
/// x₁ = lower, x₁ = upper) in two; <c>lower0</c>, <c>upper0</c>, <c>lower1</c>, … in more.
/// </summary>
public sealed class Box : Shape
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <param name="lower">Lower corner, length d.</param>
    /// <param name="upper">Upper corner, length d, each entry &gt; the lower one.</param>
    public Box(double[] lower, double[] upper)
    {
        if (lower.Length == 0 || lower.Length != upper.Length)
            throw new ArgumentException("a box needs lower and upper corners of the same, positive length");
        for (var i = 0; i < lower.Length; i++)
            if (!(upper[i] > lower[i])) throw new ArgumentException($"box axis {i}: upper {upper[i]} must exceed lower {lower[i]}");
        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
    }

    /// <summary>The unit cube [0,1]^d.</summary>
    public static Box Unit(int dimension) => Cube(dimension, 0, 1);

    /// <summary>The cube [a,b]^d.</summary>
    public static Box Cube(int dimension, double a, double b)
        => new(Enumerable.Repeat(a, dimension).ToArray(), Enumerable.Repeat(b, dimension).ToArray());

    /// <inheritdoc />
    public override int Dimension => _lower.Length;

    /// <inheritdoc />
    public override int SamplingDimension => _lower.Length;

    /// <inheritdoc />
    public override double Measure => Enumerable.Range(0, Dimension).Aggregate(1.0, (m, i) => m * (_upper[i] - _lower[i]));

    /// <inheritdoc />
    public override (double[] Lower, double[] Upper) Bounds => ((double[])_lower.Clone(), (double[])_upper.Clone());

    /// <summary>Side length along axis i.</summary>
    public double Width(int axis) => _upper[axis] - _lower[axis];

    /// <inheritdoc />
    public override torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(Box));
        using var lower = torch.tensor(_lower, unit.dtype, unit.device);
        using var width = torch.tensor(_upper.Zip(_lower, (u, l) => u - l).ToArray(), unit.dtype, unit.device);
        return torch.addcmul(lower, unit, width, 1.0);
    }

    /// <inheritdoc />
    public override torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(Box));
        using var scope = torch.NewDisposeScope();
        var lower = torch.tensor(_lower, x.dtype, x.device) - tolerance;
        var upper = torch.tensor(_upper, x.dtype, x.device) + tolerance;
        return ((x >= lower) & (x <= upper)).all(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        ShapeChecks.Points(x, Dimension, nameof(Box));
        using var scope = torch.NewDisposeScope();
        var center = torch.tensor(_lower.Zip(_upper, (l, u) => (l + u) / 2).ToArray(), x.dtype, x.device);
        var half = torch.tensor(_lower.Zip(_upper, (l, u) => (u - l) / 2).ToArray(), x.dtype, x.device);
        var q = (x - center).abs() - half;                                        // [N, d]
        var outside = q.clamp_min(0).norm(1);
        var inside = q.amax([1L]).clamp_max(0);
        return (outside + inside).MoveToOuterDisposeScope();
    }

    /// <summary>The names of the faces (without the box's <see cref="Shape.Name"/>), in the order lower₀, upper₀, lower₁, ….</summary>
    public IReadOnlyList<string> FaceNames => Dimension switch
    {
        1 => ["left", "right"],
        2 => ["left", "right", "bottom", "top"],
        _ => Enumerable.Range(0, Dimension).SelectMany(i => new[] { $"lower{i}", $"upper{i}" }).ToArray(),
    };

    private protected override IReadOnlyList<Csg.BoundaryPiece> CreatePieces()
    {
        var d = Dimension;
        var names = FaceNames;
        var pieces = new List<Csg.BoundaryPiece>();
        for (var axis = 0; axis < d; axis++)
        for (var side = 0; side < 2; side++)
        {
            var (a, value, sign) = (axis, side == 0 ? _lower[axis] : _upper[axis], side == 0 ? -1.0 : 1.0);
            var area = 1.0;
            for (var i = 0; i < d; i++) if (i != a) area *= Width(i);
            var freeAxes = Enumerable.Range(0, d).Where(i => i != a).ToArray();
            pieces.Add(new Csg.BoundaryPiece(PieceName(names[2 * a + side]), d - 1, area,
                unit => FacePoints(unit, a, value, freeAxes),
                x => torch.zeros_like(x).index_fill_(1, torch.tensor(new long[] { a }, device: x.device), sign),
                x => FaceDistance(x, a, value, freeAxes)));
        }
        return pieces;
    }

    private torch.Tensor FacePoints(torch.Tensor unit, int axis, double value, int[] freeAxes)
    {
        using var scope = torch.NewDisposeScope();
        var n = unit.shape[0];
        var columns = new torch.Tensor[Dimension];
        columns[axis] = torch.full([n], value, unit.dtype, unit.device);
        for (var j = 0; j < freeAxes.Length; j++)
            columns[freeAxes[j]] = unit[.., j] * Width(freeAxes[j]) + _lower[freeAxes[j]];
        return torch.stack(columns, 1).MoveToOuterDisposeScope();
    }

    private torch.Tensor FaceDistance(torch.Tensor x, int axis, double value, int[] freeAxes)
    {
        using var scope = torch.NewDisposeScope();
        var squared = (x[.., axis] - value).square();
        foreach (var i in freeAxes)
            squared = squared + (_lower[i] - x[.., i]).clamp_min(0).square() + (x[.., i] - _upper[i]).clamp_min(0).square();
        return squared.sqrt().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString()
        => "[" + string.Join("]×[", _lower.Zip(_upper, (l, u) => $"{l},{u}")) + "]";
}
