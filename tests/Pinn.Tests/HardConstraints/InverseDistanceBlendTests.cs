using Pinn.Abstractions.Problems;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.HardConstraints;

/// <summary>
/// The inverse-distance blend: on each piece φ = 0 and g = that piece's value exactly; inside, min_k d_k / K ≤ φ ≤
/// min_k d_k and g lies between the values; the box and sphere distances vanish on their faces and the cube's has slope
/// 1 at a face centre.
/// </summary>
public sealed class InverseDistanceBlendTests
{
    private static readonly Func<torch.Tensor, torch.Tensor> Square = InverseDistanceBlend.BoxDistance([-1, -1], [1, 1]);
    private static readonly Func<torch.Tensor, torch.Tensor> Hole = InverseDistanceBlend.SphereDistance([0.3, -0.2], 0.25);
    private static readonly InverseDistanceBlend SquareWithHole = new([Square, Hole], [0.2, 1.0]);

    [Fact]
    public void On_each_piece_the_distance_is_zero_and_the_lift_is_the_pieces_value()
    {
        using var scope = torch.NewDisposeScope();
        var s = torch.linspace(-1, 1, 9, torch.float64);
        var edges = torch.cat([torch.stack([s, torch.ones_like(s)], 1), torch.stack([-torch.ones_like(s), s], 1)]);
        var angle = torch.linspace(0, 6, 9, torch.float64);
        var circle = torch.stack([0.3 + 0.25 * angle.cos(), -0.2 + 0.25 * angle.sin()], 1);
        SquareWithHole.Distance(edges).abs().max().item<double>().ShouldBe(0.0);
        (SquareWithHole.Lift(edges) - 0.2).abs().max().item<double>().ShouldBeLessThan(1e-15);
        SquareWithHole.Distance(circle).abs().max().item<double>().ShouldBeLessThan(1e-15);
        (SquareWithHole.Lift(circle) - 1.0).abs().max().item<double>().ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void Inside_the_distance_lies_between_the_nearest_pieces_distance_over_k_and_that_distance()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(81, torch.CPU);
        var x = torch.rand([4000, 2], torch.float64, generator: generator) * 2 - 1;
        x = x[Hole(x)[.., 0].gt(0)];
        var nearest = torch.minimum(Square(x), Hole(x));
        var phi = SquareWithHole.Distance(x);
        (phi - nearest).max().item<double>().ShouldBeLessThanOrEqualTo(0.0);
        (nearest / 2 - phi).max().item<double>().ShouldBeLessThanOrEqualTo(1e-15);
        var g = SquareWithHole.Lift(x);
        g.min().item<double>().ShouldBeGreaterThanOrEqualTo(0.2 - 1e-15);
        g.max().item<double>().ShouldBeLessThanOrEqualTo(1.0 + 1e-15);
    }

    [Fact]
    public void The_cubes_distance_vanishes_on_its_faces_and_has_slope_one_at_a_face_centre()
    {
        using var scope = torch.NewDisposeScope();
        var cube = InverseDistanceBlend.BoxDistance([0, 0, 0], [2, 2, 2]);
        using var faces = torch.tensor(new[,] { { 0.0, 0.7, 1.3 }, { 2.0, 0.1, 1.9 }, { 1.2, 2.0, 0.4 }, { 0.5, 0.5, 0.0 } }, torch.float64);
        cube(faces).abs().max().item<double>().ShouldBe(0.0);
        var h = 1e-6;
        using var nearFace = torch.tensor(new[,] { { h, 1.0, 1.0 } }, torch.float64);
        (cube(nearFace).item<double>() / h).ShouldBe(1.0, 1e-5);
    }

    [Fact]
    public void A_blend_without_one_value_per_distance_an_empty_box_and_a_sphere_without_radius_are_refused()
    {
        Should.Throw<ArgumentException>(() => new InverseDistanceBlend([Square, Hole], [0.2]))
              .Message.ShouldBe("an inverse-distance blend needs one value per distance and at least one piece (got 2 distances, 1 values)");
        Should.Throw<ArgumentException>(() => InverseDistanceBlend.BoxDistance([0, 1], [1, 1]))
              .Message.ShouldBe("a box needs lo < hi on every axis (got lo [0, 1], hi [1, 1])");
        Should.Throw<ArgumentException>(() => InverseDistanceBlend.BoxDistance([0, 0], [1]));
        Should.Throw<ArgumentException>(() => InverseDistanceBlend.SphereDistance([0.5, 0.5], 0))
              .Message.ShouldBe("a sphere needs a centre and a radius > 0 (got [0.5, 0.5], 0)");
    }
}
