using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The sphere {x : ‖x − c‖ = R} in d dimensions (the boundary of a <see cref="Ball"/>), sampled
/// uniformly by surface measure: d = 1 gives the two end points, d = 2 the circle (φ = 2πu₀), d ≥ 3
/// normalised Gaussian directions from d unit coordinates.
/// </summary>
public sealed class Sphere : IBoundaryDomain
{
    private readonly double[] _center;

    /// <param name="center">c, length d ≥ 1.</param>
    /// <param name="radius">R &gt; 0.</param>
    public Sphere(double[] center, double radius)
    {
        if (center.Length == 0) throw new ArgumentException("a sphere needs a centre of dimension ≥ 1");
        if (!(radius > 0) || double.IsInfinity(radius)) throw new ArgumentException($"sphere radius {radius} must be a finite number > 0");
        _center = (double[])center.Clone();
        Radius = radius;
    }

    /// <summary>The boundary of <paramref name="ball"/>.</summary>
    public static Sphere Of(Ball ball) => new(ball.Center, ball.Radius);

    /// <summary>R.</summary>
    public double Radius { get; }

    /// <inheritdoc />
    public int Dimension => _center.Length;

    /// <inheritdoc />
    public int SamplingDimension => Dimension <= 2 ? 1 : Dimension;

    /// <summary>Surface measure d·V_d·R^{d−1}; in one dimension the two end points count 1 each.</summary>
    public double Measure => Dimension == 1 ? 2 : Dimension * Ball.UnitBallVolume(Dimension) * Math.Pow(Radius, Dimension - 1);

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds => (_center.Select(c => c - Radius).ToArray(), _center.Select(c => c + Radius).ToArray());

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(Sphere));
        using var scope = torch.NewDisposeScope();
        var direction = Dimension switch
        {
            1 => torch.where(unit < 0.5, -1.0, 1.0).to_type(unit.dtype),
            2 => torch.cat([(unit * (2 * Math.PI)).cos(), (unit * (2 * Math.PI)).sin()], 1),
            _ => Ball.UnitSphereDirections(unit),
        };
        using var center = torch.tensor(_center, unit.dtype, unit.device);
        return (direction * Radius + center).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(Sphere));
        using var scope = torch.NewDisposeScope();
        var center = torch.tensor(_center, x.dtype, x.device);
        return (((x - center).norm(1) - Radius).abs() <= tolerance * Math.Max(1, Radius)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public bool HasNormals => true;

    /// <summary>The outward unit normals (x − c)/‖x − c‖ [N, d] at points x [N, d].</summary>
    public torch.Tensor Normals(torch.Tensor x)
    {
        ShapeChecks.Points(x, Dimension, nameof(Sphere));
        using var scope = torch.NewDisposeScope();
        var offset = x - torch.tensor(_center, x.dtype, x.device);
        return (offset / offset.norm(1, keepdim: true).clamp_min(1e-300)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"S([{string.Join(",", _center)}], {Radius})";
}
