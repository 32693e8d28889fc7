using Pinn.Abstractions.Geometry;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Geometry;

/// <summary>Geometries map the unit cube onto themselves; boundaries are sampled by face area.</summary>
public sealed class DomainTests
{
    private static torch.Tensor Unit(int n, int k, ulong seed)
    {
        using var g = new torch.Generator(seed, torch.CPU);
        return torch.rand([n, k], torch.float64, generator: g);
    }

    public static TheoryData<string> Domains() => new()
    {
        "box", "boundary1d", "boundary3d", "boundary10d", "cylinder", "lateral", "slice",
        "ball1d", "ball2d", "ball5d", "sphere1d", "sphere2d", "sphere4d", "ball-cylinder",
    };

    private static IDomain Make(string name) => name switch
    {
        "box" => new Box([0, -1, 2], [1, 1, 5]),
        "boundary1d" => new BoxBoundary(Interval.Of(0, 1)),
        "boundary3d" => new BoxBoundary(new Box([0, 0, 0], [1, 2, 3])),
        "cylinder" => new TimeSpaceProduct(0, 1, Box.Unit(2)),
        "lateral" => new TimeSpaceProduct(0, 2, new BoxBoundary(Interval.Of(0, 1))),
        "slice" => new TimeSlice(0, Interval.Of(-1, 1)),
        "boundary10d" => new BoxBoundary(Box.Unit(10)),
        "ball1d" => new Ball([2], 0.5),
        "ball2d" => new Ball([1, -1], 2),
        "ball5d" => Ball.Unit(5),
        "sphere1d" => new Sphere([3], 1),
        "sphere2d" => new Sphere([0, 1], 0.5),
        "sphere4d" => new Sphere([1, 2, 3, 4], 3),
        "ball-cylinder" => new TimeSpaceProduct(0, 1, Ball.Unit(3)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Domains))]
    public void Mapped_points_lie_in_the_domain(string name)
    {
        using var scope = torch.NewDisposeScope();
        var domain = Make(name);
        var x = domain.Map(Unit(500, domain.SamplingDimension, 1));
        x.shape.ShouldBe([500L, domain.Dimension]);
        domain.Contains(x).all().item<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Box_boundary_puts_points_on_faces_in_proportion_to_their_area()
    {
        using var scope = torch.NewDisposeScope();
        var boundary = new BoxBoundary(new Box([0, 0], [1, 3])); // faces x=0,1 have length 3; y=0,3 length 1
        boundary.Measure.ShouldBe(8.0);
        var x = boundary.Map(Unit(40000, 2, 2));
        var onVertical = ((x[.., 0] == 0) | (x[.., 0] == 1)).to_type(torch.float64).mean().item<double>();
        onVertical.ShouldBe(0.75, 0.01);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Ball_points_are_uniform_by_volume(int d)
    {
        using var scope = torch.NewDisposeScope();
        var ball = new Ball(new double[d], 2);
        var x = ball.Map(Unit(40000, ball.SamplingDimension, 3));
        // The inner ball of half the radius holds 2^-d of the volume.
        var inner = (x.norm(1) <= 1.0).to_type(torch.float64).mean().item<double>();
        inner.ShouldBe(Math.Pow(0.5, d), 0.01);
        x.mean([0L]).abs().max().item<double>().ShouldBeLessThan(0.03);
    }

    [Fact]
    public void Sphere_points_are_uniform_by_area()
    {
        using var scope = torch.NewDisposeScope();
        var sphere = new Sphere([0, 0, 0], 1);
        sphere.Measure.ShouldBe(4 * Math.PI, 1e-12);
        var x = sphere.Map(Unit(40000, 3, 4));
        // Archimedes: the height of a uniform point on the unit sphere is uniform on [-1, 1].
        var band = (x[.., 2].abs() <= 0.5).to_type(torch.float64).mean().item<double>();
        band.ShouldBe(0.5, 0.01);
        (x.square().mean([0L]) - 1.0 / 3).abs().max().item<double>().ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, Math.PI)]
    [InlineData(3, 4 * Math.PI / 3)]
    [InlineData(4, Math.PI * Math.PI / 2)]
    [InlineData(5, 8 * Math.PI * Math.PI / 15)]
    public void Ball_volume_matches_the_closed_form(int d, double unitVolume)
    {
        new Ball(new double[d], 3).Measure.ShouldBe(unitVolume * Math.Pow(3, d), 1e-9);
        Sphere.Of(Ball.Unit(d)).Measure.ShouldBe(d == 1 ? 2 : d * unitVolume, 1e-12);
    }
}
