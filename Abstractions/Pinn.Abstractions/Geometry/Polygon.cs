using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A simple polygon in the plane, given by its vertices in order (either orientation; the last connects to the
/// first). Sampled by rejection from its bounding box. Its boundary pieces are its edges <c>edge0</c> (from vertex 0
/// to vertex 1), <c>edge1</c>, …, prefixed with the polygon's <see cref="Shape.Name"/> when set.
/// </summary>
public sealed class Polygon : Shape
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double _orientation; // +1 counter-clockwise, −1 clockwise
    private readonly Box _bounds;

    /// <param name="vertices">At least three points (x, y); consecutive vertices distinct, no edge crossing another.</param>
    /// <exception cref="ArgumentException">When the polygon is degenerate or crosses itself (naming the edges).</exception>
    public Polygon(params (double X, double Y)[] vertices)
    {
        if (vertices.Length < 3) throw new ArgumentException($"a polygon needs at least 3 vertices, got {vertices.Length}");
        _x = vertices.Select(v => v.X).ToArray();
        _y = vertices.Select(v => v.Y).ToArray();
        var n = vertices.Length;
        if (_x.Concat(_y).Any(v => !double.IsFinite(v))) throw new ArgumentException("polygon vertices must be finite");
        for (var i = 0; i < n; i++)
            if (_x[i] == _x[(i + 1) % n] && _y[i] == _y[(i + 1) % n])
                throw new ArgumentException($"polygon vertices {i} and {(i + 1) % n} coincide");
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            if (j == i + 1 || (i == 0 && j == n - 1)) continue;                 // neighbours share a vertex
            if (SegmentsMeet(i, j))
                throw new ArgumentException($"the polygon crosses itself: edge{i} ({Vertex(i)}–{Vertex(i + 1)}) meets edge{j} ({Vertex(j)}–{Vertex(j + 1)})");
        }
        var area = 0.0;
        for (var i = 0; i < n; i++) area += _x[i] * _y[(i + 1) % n] - _x[(i + 1) % n] * _y[i];
        area /= 2;
        if (Math.Abs(area) < 1e-14) throw new ArgumentException("the polygon has zero area");
        _orientation = Math.Sign(area);
        Measure = Math.Abs(area);
        _bounds = new Box([_x.Min(), _y.Min()], [_x.Max(), _y.Max()]);
    }

    /// <summary>The number of vertices (and edges).</summary>
    public int VertexCount => _x.Length;

    /// <inheritdoc />
    public override int Dimension => 2;

    /// <inheritdoc />
    public override int SamplingDimension => 2;

    /// <inheritdoc />
    public override double Measure { get; }

    /// <inheritdoc />
    public override (double[] Lower, double[] Upper) Bounds => _bounds.Bounds;

    /// <inheritdoc />
    public override IDomain Proposal => _bounds;

    /// <inheritdoc />
    public override double AcceptanceRate => Measure / _bounds.Measure;

    /// <inheritdoc />
    public override torch.Tensor Map(torch.Tensor unit)
    {
        if (AcceptanceRate >= 1) return _bounds.Map(unit);
        throw new InvalidOperationException($"{this} is sampled by rejection: draw its points with DomainSampling.Sample (every built-in sampler does)");
    }

    /// <inheritdoc />
    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        ShapeChecks.Points(x, 2, nameof(Polygon));
        using var scope = torch.NewDisposeScope();
        var px = x[.., 0];
        var py = x[.., 1];
        torch.Tensor? distance = null;
        var inside = torch.zeros(x.shape[0], torch.@bool, x.device);
        for (var i = 0; i < VertexCount; i++)
        {
            var e = EdgeDistance(x, i);
            distance = distance is null ? e : torch.minimum(distance, e);
            // Even–odd rule: a ray to +x crosses edge i.
            var (x0, y0, x1, y1) = (_x[i], _y[i], _x[(i + 1) % VertexCount], _y[(i + 1) % VertexCount]);
            if (y0 == y1) continue;
            var straddles = (py >= Math.Min(y0, y1)) & (py < Math.Max(y0, y1));
            var crossingX = (py - y0) * ((x1 - x0) / (y1 - y0)) + x0;
            inside = inside.logical_xor(straddles & (px < crossingX));
        }
        return torch.where(inside, distance!.neg(), distance!).MoveToOuterDisposeScope();
    }

    private protected override IReadOnlyList<Csg.BoundaryPiece> CreatePieces()
        => Enumerable.Range(0, VertexCount).Select(i =>
        {
            var j = (i + 1) % VertexCount;
            var (dx, dy) = (_x[j] - _x[i], _y[j] - _y[i]);
            var length = Math.Sqrt(dx * dx + dy * dy);
            var normal = new[] { _orientation * dy / length, -_orientation * dx / length };   // right of the edge for CCW
            return new Csg.BoundaryPiece(PieceName($"edge{i}"), 1, length,
                unit => torch.cat([unit * dx + _x[i], unit * dy + _y[i]], 1),
                x => torch.tensor(normal, x.dtype, x.device).expand(x.shape[0], 2).clone(),
                x => EdgeDistance(x, i));
        }).ToArray();

    /// <summary>Distance of points x [N, 2] to edge i [N].</summary>
    private torch.Tensor EdgeDistance(torch.Tensor x, int i)
    {
        using var scope = torch.NewDisposeScope();
        var j = (i + 1) % VertexCount;
        var (dx, dy) = (_x[j] - _x[i], _y[j] - _y[i]);
        var ax = x[.., 0] - _x[i];
        var ay = x[.., 1] - _y[i];
        var s = ((ax * dx + ay * dy) / (dx * dx + dy * dy)).clamp(0, 1);
        return (ax - s * dx).square().add((ay - s * dy).square()).sqrt().MoveToOuterDisposeScope();
    }

    private string Vertex(int i) => $"({_x[i % VertexCount]}, {_y[i % VertexCount]})";

    /// <summary>Whether edges i and j (closed segments) have a point in common.</summary>
    private bool SegmentsMeet(int i, int j)
    {
        var n = VertexCount;
        var (ax, ay, bx, by) = (_x[i], _y[i], _x[(i + 1) % n], _y[(i + 1) % n]);
        var (cx, cy, dx, dy) = (_x[j], _y[j], _x[(j + 1) % n], _y[(j + 1) % n]);
        double Cross(double ox, double oy, double px, double py, double qx, double qy) => (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
        bool Within(double ox, double oy, double px, double py, double qx, double qy)
            => Math.Min(ox, px) <= qx && qx <= Math.Max(ox, px) && Math.Min(oy, py) <= qy && qy <= Math.Max(oy, py);
        var d1 = Cross(cx, cy, dx, dy, ax, ay);
        var d2 = Cross(cx, cy, dx, dy, bx, by);
        var d3 = Cross(ax, ay, bx, by, cx, cy);
        var d4 = Cross(ax, ay, bx, by, dx, dy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
        return (d1 == 0 && Within(cx, cy, dx, dy, ax, ay)) || (d2 == 0 && Within(cx, cy, dx, dy, bx, by))
               || (d3 == 0 && Within(ax, ay, bx, by, cx, cy)) || (d4 == 0 && Within(ax, ay, bx, by, dx, dy));
    }

    /// <inheritdoc />
    public override string ToString() => Name ?? $"polygon({string.Join(",", Enumerable.Range(0, VertexCount).Select(Vertex))})";
}
