using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The closed ball {x : ‖x − c‖ ≤ R} in d dimensions, sampled uniformly by volume. The map from the unit
/// cube is area-preserving: d = 1 is the interval, d = 2 polar coordinates (r = R√u₀, φ = 2πu₁), and
/// d ≥ 3 a direction from d Gaussian coordinates (u → Φ⁻¹(u), normalised) with radius R·u_d^{1/d}.
/// Its boundary is one piece, the sphere, named <c>circle</c> in two dimensions and <c>sphere</c> otherwise (or the
/// ball's <see cref="Shape.Name"/>).
/// </summary>
public sealed class Ball : Shape
{
    private readonly double[] _center;

    /// <param name="center">c, length d ≥ 1.</param>
    /// <param name="radius">R &gt; 0.</param>
    public Ball(double[] center, double radius)
    {
        if (center.Length == 0) throw new ArgumentException("a ball needs a centre of dimension ≥ 1");
        if (!(radius > 0) || double.IsInfinity(radius)) throw new ArgumentException($"ball radius {radius} must be a finite number > 0");
        _center = (double[])center.Clone();
        Radius = radius;
    }

    /// <summary>The unit ball around the origin in d dimensions.</summary>
    public static Ball Unit(int dimension) => new(new double[dimension], 1);

    /// <summary>R.</summary>
    public double Radius { get; }

    /// <summary>c (a copy).</summary>
    public double[] Center => (double[])_center.Clone();

    /// <inheritdoc />
    public override int Dimension => _center.Length;

    /// <inheritdoc />
    public override int SamplingDimension => Dimension <= 2 ? Dimension : Dimension + 1;

    /// <inheritdoc />
    public override double Measure => UnitBallVolume(Dimension) * Math.Pow(Radius, Dimension);

    /// <inheritdoc />
    public override (double[] Lower, double[] Upper) Bounds => (_center.Select(c => c - Radius).ToArray(), _center.Select(c => c + Radius).ToArray());

    /// <inheritdoc />
    public override torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(Ball));
        using var scope = torch.NewDisposeScope();
        var d = Dimension;
        var offset = d switch
        {
            1 => (unit * 2 - 1) * Radius,
            2 => PolarOffset(unit),
            _ => UnitSphereDirections(unit[.., ..d]) * (unit[.., d..(d + 1)].pow(1.0 / d) * Radius),
        };
        using var center = torch.tensor(_center, unit.dtype, unit.device);
        return (offset + center).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(Ball));
        using var scope = torch.NewDisposeScope();
        var center = torch.tensor(_center, x.dtype, x.device);
        return ((x - center).norm(1) <= Radius + tolerance).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        ShapeChecks.Points(x, Dimension, nameof(Ball));
        using var scope = torch.NewDisposeScope();
        var center = torch.tensor(_center, x.dtype, x.device);
        return ((x - center).norm(1) - Radius).MoveToOuterDisposeScope();
    }

    private protected override IReadOnlyList<Csg.BoundaryPiece> CreatePieces()
    {
        var sphere = new Sphere(_center, Radius);
        return
        [
            new Csg.BoundaryPiece(Name ?? (Dimension == 2 ? "circle" : "sphere"), sphere.SamplingDimension, sphere.Measure, sphere.Map,
                                  sphere.Normals, x => SignedDistance(x).abs()),
        ];
    }

    /// <inheritdoc />
    public override string ToString() => $"B([{string.Join(",", _center)}], {Radius})";

    /// <summary>The volume of the unit ball in d dimensions: V₀ = 1, V₁ = 2, V_d = (2π/d) V_{d−2}.</summary>
    internal static double UnitBallVolume(int dimension)
    {
        var volume = dimension % 2 == 0 ? 1.0 : 2.0;
        for (var k = dimension % 2 == 0 ? 2 : 3; k <= dimension; k += 2) volume *= 2 * Math.PI / k;
        return volume;
    }

    /// <summary>Points of the unit sphere S^{d−1} [N, d] from unit-cube points [N, d]: normalised Gaussians.</summary>
    internal static torch.Tensor UnitSphereDirections(torch.Tensor unit)
    {
        var eps = unit.dtype == torch.float32 ? 1e-7 : 1e-15;
        var gaussian = torch.special.ndtri(unit.clamp(eps, 1 - eps));
        return gaussian / gaussian.norm(1, keepdim: true).clamp_min(1e-300);
    }

    private torch.Tensor PolarOffset(torch.Tensor unit)
    {
        var r = unit[.., 0..1].sqrt() * Radius;
        var phi = unit[.., 1..2] * (2 * Math.PI);
        return torch.cat([r * phi.cos(), r * phi.sin()], 1);
    }
}
