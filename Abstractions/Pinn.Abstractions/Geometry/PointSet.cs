using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A fixed, finite set of points: a pinned pressure point, observation sites, points read from a file. A condition
/// on a point set is evaluated at exactly these points, in this order (the host does not sample it, and the
/// manifest sets no point count for it), so its residual may pair row i with data of row i.
/// </summary>
public sealed class PointSet : IDomain
{
    private readonly double[] _values; // row-major [N, d]

    /// <param name="points">The points, N ≥ 1 rows of d ≥ 1 finite coordinates each.</param>
    public PointSet(IReadOnlyList<double[]> points)
    {
        if (points.Count == 0) throw new ArgumentException("a point set needs at least one point");
        var d = points[0].Length;
        if (d == 0) throw new ArgumentException("points need at least one coordinate");
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Length != d) throw new ArgumentException($"point {i} has {points[i].Length} coordinates, point 0 has {d}");
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"point {i} has a coordinate that is not finite");
        }
        Count = points.Count;
        Dimension = d;
        _values = points.SelectMany(p => p).ToArray();
    }

    /// <summary>The single point <paramref name="point"/>.</summary>
    public static PointSet Of(params double[] point) => new([point]);

    /// <summary>N, the number of points.</summary>
    public int Count { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>1: a unit coordinate picks a point.</summary>
    public int SamplingDimension => 1;

    /// <summary>N (the counting measure).</summary>
    public double Measure => Count;

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds
        => (Enumerable.Range(0, Dimension).Select(j => Column(j).Min()).ToArray(), Enumerable.Range(0, Dimension).Select(j => Column(j).Max()).ToArray());

    /// <summary>The points [N, d] in <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public torch.Tensor Points(torch.ScalarType dtype, torch.Device device)
        => torch.tensor(_values, [Count, Dimension], torch.float64).to(dtype, device);

    /// <summary>Picks point ⌊u·N⌋ for each unit coordinate u [M, 1] → [M, d] (sampling with replacement).</summary>
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, 1, nameof(PointSet));
        using var scope = torch.NewDisposeScope();
        var index = (unit[.., 0] * Count).floor().clamp(0, Count - 1).to_type(torch.int64);
        return Points(unit.dtype, unit.device).index_select(0, index).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(PointSet));
        using var scope = torch.NewDisposeScope();
        return torch.cdist(x, Points(x.dtype, x.device)).amin([1L]).le(tolerance).MoveToOuterDisposeScope();
    }

    private IEnumerable<double> Column(int j) => Enumerable.Range(0, Count).Select(i => _values[i * Dimension + j]);

    /// <inheritdoc />
    public override string ToString() => Count == 1 ? $"{{({string.Join(", ", _values)})}}" : $"{Count} fixed points";
}
