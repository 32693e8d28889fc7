using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The boundary of a box: its 2d faces, each sampled in proportion to its (d−1)-dimensional area.
/// The first unit coordinate picks the face, the other d−1 place the point on it. In one dimension
/// the faces are the two end points, each with weight 1.
/// </summary>
public sealed class BoxBoundary : IBoundaryDomain
{
    private readonly Box _box;
    private readonly double[] _cumulative; // cumulative face areas / total, length 2d

    /// <param name="box">The box whose boundary this is.</param>
    public BoxBoundary(Box box)
    {
        _box = box;
        var d = box.Dimension;
        var areas = new double[2 * d];
        for (var axis = 0; axis < d; axis++)
        {
            var area = 1.0;
            for (var i = 0; i < d; i++) if (i != axis) area *= box.Width(i);
            areas[2 * axis] = areas[2 * axis + 1] = area;
        }
        Measure = areas.Sum();
        _cumulative = new double[2 * d];
        var running = 0.0;
        for (var j = 0; j < areas.Length; j++) _cumulative[j] = (running += areas[j]) / Measure;
    }

    /// <summary>The box this is the boundary of.</summary>
    public Box Box => _box;

    /// <inheritdoc />
    public int Dimension => _box.Dimension;

    /// <inheritdoc />
    public int SamplingDimension => _box.Dimension;

    /// <inheritdoc />
    public double Measure { get; }

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds => _box.Bounds;

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(BoxBoundary));
        using var scope = torch.NewDisposeScope();
        var d = Dimension;
        var (lower, upper) = _box.Bounds;
        // Face index j = number of cumulative bounds below u0; face j lies on axis j/2, side j%2.
        var cuts = torch.tensor(_cumulative[..^1], unit.dtype, unit.device);
        var face = (unit[.., 0..1] >= cuts).sum(1);                 // [N], int64 in 0..2d-1
        var axisOfFace = face.div(2, rounding_mode: torch.RoundingMode.floor);
        var upperSide = face.remainder(2).to_type(torch.ScalarType.Bool);
        var onFace = unit[.., 1..];                                  // [N, d-1]
        var columns = new torch.Tensor[d];
        for (var axis = 0; axis < d; axis++)
        {
            var sideValue = torch.where(upperSide, upper[axis], lower[axis]).to_type(unit.dtype);
            if (d == 1)
            {
                columns[axis] = sideValue;
                continue;
            }
            // On a face of a lower axis this coordinate is on-face column axis-1, otherwise column axis.
            var below = onFace[.., Math.Min(axis, d - 2)];
            var above = onFace[.., Math.Max(axis - 1, 0)];
            var free = torch.where(axisOfFace < axis, above, below);
            var position = lower[axis] + free * (upper[axis] - lower[axis]);
            columns[axis] = torch.where(axisOfFace == axis, sideValue, position);
        }
        return torch.stack(columns, 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(BoxBoundary));
        using var scope = torch.NewDisposeScope();
        var (lower, upper) = _box.Bounds;
        var lo = torch.tensor(lower, x.dtype, x.device);
        var hi = torch.tensor(upper, x.dtype, x.device);
        var onSomeFace = (((x - lo).abs() <= tolerance) | ((x - hi).abs() <= tolerance)).any(1);
        return (_box.Contains(x, tolerance) & onSomeFace).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public bool HasNormals => true;

    /// <summary>The outward unit normals [N, d] at points x [N, d]: ±e_i of the face the point is nearest to.</summary>
    public torch.Tensor Normals(torch.Tensor x) => _box.Boundary().Normals(x);

    /// <inheritdoc />
    public override string ToString() => $"∂{_box}";
}
