using Pinn.Abstractions.Geometry.Csg;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The boundary of a <see cref="Shape"/>, or the part of it on some of its pieces (<see cref="Shape.Boundary(string[])"/>):
/// points uniform by measure (arc length, area), drawn on the primitives' pieces and kept where they bound the shape
/// (a point is kept when just inside it along the normal is in the shape and just outside is not), with the shape's
/// outward unit normal at every point (into the hole on a hole's boundary).
/// </summary>
public sealed class ShapeBoundary : IRejectionDomain, IBoundaryDomain
{
    private readonly Shape _shape;
    private readonly IReadOnlyList<BoundaryPiece> _pieces;
    private readonly PieceMixture _mixture;
    private readonly string _description;
    private readonly double _step;
    private readonly Lazy<double> _rate;

    internal ShapeBoundary(Shape shape, IReadOnlyList<BoundaryPiece> pieces, string description)
    {
        _shape = shape;
        _pieces = pieces;
        _description = description;
        var (lower, upper) = shape.Bounds;
        _mixture = new PieceMixture(pieces, shape.Dimension, (lower, upper));
        _step = 1e-7 * Math.Max(1e-3, lower.Zip(upper, (l, u) => u - l).Max());
        _rate = new Lazy<double>(() => CompositeShape.EstimateRate(this, _mixture));
    }

    /// <summary>The shape this is (part of) the boundary of.</summary>
    public Shape Shape => _shape;

    /// <summary>The names of the pieces this boundary is drawn on.</summary>
    public IReadOnlyList<string> PieceNames => _pieces.Select(p => p.Name).Distinct().ToArray();

    /// <inheritdoc />
    public int Dimension => _shape.Dimension;

    /// <inheritdoc />
    public int SamplingDimension => _mixture.SamplingDimension;

    /// <inheritdoc />
    public double Measure => _mixture.Measure * AcceptanceRate;

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds => _shape.Bounds;

    /// <inheritdoc />
    public IDomain Proposal => _mixture;

    /// <inheritdoc />
    public double AcceptanceRate => _rate.Value;

    /// <inheritdoc />
    public bool HasNormals => true;

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        if (AcceptanceRate < 1)
            throw new InvalidOperationException($"{this} is sampled by rejection: draw its points with DomainSampling.Sample (every built-in sampler does)");
        return _mixture.Map(unit);
    }

    /// <inheritdoc />
    public torch.Tensor Accepts(torch.Tensor candidates)
    {
        using var scope = torch.NewDisposeScope();
        var n = Normals(candidates) * _step;
        var inside = _shape.SignedDistance(candidates - n).lt(0);
        var outside = _shape.SignedDistance(candidates + n).gt(0);
        return (inside & outside).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(ShapeBoundary));
        using var scope = torch.NewDisposeScope();
        var onShapeBoundary = _shape.SignedDistance(x).abs().le(tolerance);
        return (onShapeBoundary & _mixture.Contains(x, tolerance)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Normals(torch.Tensor x)
    {
        ShapeChecks.Points(x, Dimension, nameof(ShapeBoundary));
        using var scope = torch.NewDisposeScope();
        if (_pieces.Count == 1) return (_pieces[0].Normal(x) * _pieces[0].Orientation).MoveToOuterDisposeScope();
        var nearest = torch.stack(_pieces.Select(p => p.Distance(x)).ToArray(), 1).argmin(1);              // [N]
        var normals = torch.stack(_pieces.Select(p => p.Normal(x) * p.Orientation).ToArray(), 1);         // [N, P, d]
        var index = nearest.view(-1, 1, 1).expand(-1, 1, Dimension);
        return normals.gather(1, index).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => _description;
}
