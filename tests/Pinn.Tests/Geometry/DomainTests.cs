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

    public static TheoryData<string> Domains() => new() { "box", "boundary1d", "boundary3d", "cylinder", "lateral", "slice" };

    private static IDomain Make(string name) => name switch
    {
        "box" => new Box([0, -1, 2], [1, 1, 5]),
        "boundary1d" => new BoxBoundary(Interval.Of(0, 1)),
        "boundary3d" => new BoxBoundary(new Box([0, 0, 0], [1, 2, 3])),
        "cylinder" => new TimeSpaceProduct(0, 1, Box.Unit(2)),
        "lateral" => new TimeSpaceProduct(0, 2, new BoxBoundary(Interval.Of(0, 1))),
        "slice" => new TimeSlice(0, Interval.Of(-1, 1)),
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
}
