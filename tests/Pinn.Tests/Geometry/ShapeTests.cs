using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.LatinHypercube;
using Pinn.Samplers.Standard.Sobol;
using Pinn.Samplers.Standard.Uniform;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Geometry;

/// <summary>
/// Constructive solid geometry: exact counts, uniform by measure (each piece's share of the points is its share of
/// the area or length, within four binomial standard deviations), no interior points in holes, unit outward normals.
/// </summary>
public sealed class ShapeTests
{
    private static readonly TensorSpec Spec = new(torch.float64, torch.CPU);

    private static readonly (double X, double Y)[] HoleCentres = [(0.3, 0.3), (-0.3, 0.3), (0.3, -0.3), (-0.3, -0.3)];

    /// <summary>PINNacle's Poisson2d-C plate: [−0.5, 0.5]² minus four disks of radius 0.1.</summary>
    private static Shape Plate()
        => new Box([-0.5, -0.5], [0.5, 0.5]) { Name = "outer" }
            .Minus(HoleCentres.Select((c, i) => (Shape)new Ball([c.X, c.Y], 0.1) { Name = $"hole{i + 1}" }).ToArray());

    /// <summary>PINNacle's NS2d-CG backward-facing step: [0, 4] × [0, 2] minus [0, 2] × [1, 2].</summary>
    private static Shape Step() => new Box([0, 0], [4, 2]) - new Box([0, 1], [2, 2]) { Name = "step" };

    private static torch.Tensor Draw(IDomain domain, int count, ulong seed = 7)
    {
        using var generator = new torch.Generator(seed, torch.CPU);
        return new UniformSampler(Spec).Sample(domain, count, generator);
    }

    private static void ShareMatches(long hits, long count, double expected)
    {
        var sigma = Math.Sqrt(expected * (1 - expected) / count);
        Math.Abs((double)hits / count - expected).ShouldBeLessThan(4 * sigma + 1e-12, $"share {(double)hits / count} vs {expected}");
    }

    [Fact]
    public void Interior_sampling_of_a_plate_with_holes_is_exact_in_count_and_never_in_a_hole()
    {
        var plate = Plate();
        using var x = Draw(plate, 20_000);
        x.shape.ShouldBe([20_000L, 2L]);
        foreach (var (cx, cy) in HoleCentres)
        {
            using var r = (x - torch.tensor(new[] { cx, cy })).norm(1);
            r.min().item<double>().ShouldBeGreaterThan(0.1);
        }
        plate.Contains(x).all().item<bool>().ShouldBeTrue();
        plate.Measure.ShouldBe(1 - 4 * Math.PI * 0.01, 0.01);
    }

    [Fact]
    public void Interior_points_are_uniform_by_area()
    {
        var plate = Plate();
        const int n = 40_000;
        using var x = Draw(plate, n, 11);
        var area = 1 - 4 * Math.PI * 0.01;
        // The annulus 0.1 < r < 0.2 around the first hole, and the left half.
        using var r = (x - torch.tensor(new[] { 0.3, 0.3 })).norm(1);
        ShareMatches(r.lt(0.2).sum().item<long>(), n, Math.PI * (0.04 - 0.01) / area);
        ShareMatches(x[.., 0].lt(0).sum().item<long>(), n, 0.5);
        ShareMatches(x[.., 1].gt(0.4).sum().item<long>(), n, 0.1 / area);
    }

    [Fact]
    public void Boundary_points_fall_on_each_piece_in_proportion_to_its_length()
    {
        var plate = Plate();
        var boundary = plate.Boundary();
        const int n = 20_000;
        using var x = Draw(boundary, n, 13);
        x.shape.ShouldBe([n, 2L]);
        var total = 4 + 4 * 2 * Math.PI * 0.1;
        boundary.Measure.ShouldBe(total, total * 0.01);
        using var onOuter = (x.abs() - 0.5).abs().amin([1L]).lt(1e-12);
        ShareMatches(onOuter.sum().item<long>(), n, 4 / total);
        foreach (var (cx, cy) in HoleCentres)
        {
            using var r = (x - torch.tensor(new[] { cx, cy })).norm(1);
            ShareMatches((r - 0.1).abs().lt(1e-12).sum().item<long>(), n, 2 * Math.PI * 0.1 / total);
        }
    }

    [Fact]
    public void Normals_have_unit_length_and_point_out_of_the_region_on_every_piece()
    {
        var plate = Plate();
        var boundary = plate.Boundary();
        using var x = Draw(boundary, 5_000, 17);
        using var n = boundary.Normals(x);
        (n.norm(1) - 1).abs().max().item<double>().ShouldBeLessThan(1e-12);
        plate.Contains(x - 1e-6 * n, 0).all().item<bool>().ShouldBeTrue();
        plate.Contains(x + 1e-6 * n, 0).any().item<bool>().ShouldBeFalse();
        // On a hole the normal points to its centre.
        var hole = plate.Boundary("hole1");
        using var h = Draw(hole, 500, 19);
        using var expected = (torch.tensor(new[] { 0.3, 0.3 }) - h) / 0.1;
        (hole.Normals(h) - expected).abs().max().item<double>().ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void A_selected_piece_is_sampled_alone_and_an_unknown_piece_is_refused_with_the_list_of_pieces()
    {
        var plate = Plate();
        var top = plate.Boundary("outer.top");
        using var x = Draw(top, 1000);
        (x[.., 1] - 0.5).abs().max().item<double>().ShouldBeLessThan(1e-15);
        using var n = top.Normals(x);
        (n - torch.tensor(new[] { 0.0, 1.0 })).abs().max().item<double>().ShouldBe(0);
        plate.Boundary("hole1", "hole2").PieceNames.ShouldBe(["hole1", "hole2"]);
        plate.Boundary("outer").PieceNames.Count.ShouldBe(4);
        var error = Should.Throw<ArgumentException>(() => plate.Boundary("lid"));
        error.Message.ShouldContain("'lid'");
        error.Message.ShouldContain("outer.left");
        error.Message.ShouldContain("hole4");
    }

    [Fact]
    public void The_step_boundary_leaves_out_the_removed_block_and_weights_pieces_by_length()
    {
        var step = Step();
        var boundary = step.Boundary();
        const int n = 12_000;
        using var x = Draw(boundary, n, 23);
        boundary.Measure.ShouldBe(12, 0.12);
        // Nothing on the removed block's outer edges (x = 0, y > 1 and y = 2, x < 2).
        (x[.., 0].lt(1e-9) & x[.., 1].gt(1 + 1e-9)).any().item<bool>().ShouldBeFalse();
        (x[.., 1].gt(2 - 1e-9) & x[.., 0].lt(2 - 1e-9)).any().item<bool>().ShouldBeFalse();
        // The step walls x = 2 (1 < y < 2) and y = 1 (0 < x < 2) are 3 of the 12 units of length; their normals point into the block.
        using var wall = ((x[.., 0] - 2).abs().lt(1e-12) & x[.., 1].gt(1)) | ((x[.., 1] - 1).abs().lt(1e-12) & x[.., 0].lt(2));
        ShareMatches(wall.sum().item<long>(), n, 3.0 / 12);
        using var normals = boundary.Normals(x);
        using var wallNormals = normals[wall];
        using var expected = torch.where(x[wall][.., 0..1].sub(2).abs().lt(1e-12), torch.tensor(new[] { -1.0, 0.0 }), torch.tensor(new[] { 0.0, 1.0 }));
        (wallNormals - expected).abs().max().item<double>().ShouldBe(0);
        using var inside = Draw(step, 10_000, 29);
        (inside[.., 0].lt(2) & inside[.., 1].gt(1)).any().item<bool>().ShouldBeFalse();
        step.Measure.ShouldBe(6, 0.06);
    }

    [Fact]
    public void Polygons_of_either_orientation_have_outward_normals_and_are_sampled_inside()
    {
        (double, double)[] triangle = [(0, 0), (2, 0), (0, 1)];
        foreach (var polygon in new[] { new Polygon(triangle), new Polygon(triangle.Reverse().ToArray()) })
        {
            polygon.Measure.ShouldBe(1, 1e-15);
            using var inside = Draw(polygon, 2000);
            (inside[.., 0] / 2 + inside[.., 1]).max().item<double>().ShouldBeLessThanOrEqualTo(1 + 1e-12);
            inside.min().item<double>().ShouldBeGreaterThanOrEqualTo(0);
            var boundary = polygon.Boundary();
            using var x = Draw(boundary, 3000, 31);
            using var n = boundary.Normals(x);
            polygon.Contains(x - 1e-6 * n, 0).all().item<bool>().ShouldBeTrue();
            polygon.Contains(x + 1e-6 * n, 0).any().item<bool>().ShouldBeFalse();
            var hypotenuse = Math.Sqrt(5);
            ShareMatches(x[.., 0].gt(1e-12).logical_and(x[.., 1].gt(1e-12)).sum().item<long>(), 3000, hypotenuse / (3 + hypotenuse));
        }
    }

    [Fact]
    public void Signed_distances_of_the_primitives_are_exact()
    {
        var box = new Box([0, 0], [2, 1]);
        using var p = torch.tensor(new double[,] { { 1, 0.5 }, { 3, 2 }, { 1, 1.5 }, { 0.2, 0.5 } });
        box.SignedDistance(p).data<double>().ToArray().ShouldBe([-0.5, Math.Sqrt(2), 0.5, -0.2], 1e-15);
        var disk = new Ball([0, 0], 1);
        disk.SignedDistance(p).data<double>().ToArray().ShouldBe([Math.Sqrt(1.25) - 1, Math.Sqrt(13) - 1, Math.Sqrt(3.25) - 1, Math.Sqrt(0.29) - 1], 1e-15);
        var square = new Polygon((0, 0), (2, 0), (2, 1), (0, 1));
        square.SignedDistance(p).data<double>().ToArray().ShouldBe([-0.5, Math.Sqrt(2), 0.5, -0.2], 1e-15);
        (Plate().Distance(torch.tensor(new double[,] { { 0, 0 } }))).item<double>().ShouldBe(Math.Sqrt(0.18) - 0.1, 1e-15);
    }

    [Fact]
    public void Bad_geometry_is_refused_when_it_is_built()
    {
        Should.Throw<ArgumentException>(() => new Polygon((0, 0), (1, 1), (1, 0), (0, 1))).Message.ShouldContain("crosses itself");
        Should.Throw<ArgumentException>(() => new Polygon((0, 0), (1, 0))).Message.ShouldContain("at least 3");
        Should.Throw<ArgumentException>(() => new Box([0, 0], [1, 1]) - new Box([-1, -1], [2, 2])).Message.ShouldContain("empty");
        Should.Throw<ArgumentException>(() => new Box([0, 0], [1, 1]) & new Ball([5, 5], 1)).Message.ShouldContain("empty");
        Should.Throw<ArgumentException>(() => new Box([0, 0], [1, 1]) | Ball.Unit(3)).Message.ShouldContain("dimensions");
    }

    [Fact]
    public void Rejection_is_refused_when_the_domain_is_nearly_empty()
    {
        var sliver = new Box([0, 0], [1, 1]) - new Box([-1, 0.0004], [2, 2]);
        var error = Should.Throw<InvalidOperationException>(() => Draw(sliver, 10));
        error.Message.ShouldContain("nearly) empty");
    }

    [Fact]
    public void Quasi_random_samplers_draw_exact_counts_on_holed_domains_and_space_time_products()
    {
        var plate = Plate();
        var cylinder = new TimeSpaceProduct(0, 2, plate);
        var lateral = new TimeSpaceProduct(0, 2, plate.Boundary("hole1"));
        IPointSampler[] samplers = [new SobolSampler(new SobolOptions(), Spec), new LatinHypercubeSampler(Spec)];
        foreach (var sampler in samplers)
        {
            using var generator = new torch.Generator(3, torch.CPU);
            using var x = sampler.Sample(cylinder, 1000, generator);
            x.shape.ShouldBe([1000L, 3L]);
            cylinder.Contains(x).all().item<bool>().ShouldBeTrue();
            using var b = sampler.Sample(lateral, 500, generator);
            lateral.Contains(b, 1e-12).all().item<bool>().ShouldBeTrue();
            using var n = lateral.Normals(b);
            n[.., 0].abs().max().item<double>().ShouldBe(0);
            (n.norm(1) - 1).abs().max().item<double>().ShouldBeLessThan(1e-12);
        }
    }

    [Fact]
    public void A_ball_sphere_in_five_dimensions_carries_radial_normals_through_time()
    {
        var lateral = new TimeSpaceProduct(0, 1, Ball.Unit(5).Boundary());
        using var x = Draw(lateral, 2000);
        using var n = lateral.Normals(x);
        (n[.., 1..] - x[.., 1..]).abs().max().item<double>().ShouldBeLessThan(1e-12);
        n[.., 0].abs().max().item<double>().ShouldBe(0);
    }

    [Fact]
    public void A_point_set_holds_its_points_in_order()
    {
        var set = new PointSet([[0.0, 1.0], [2.0, 3.0]]);
        set.Count.ShouldBe(2);
        using var p = set.Points(torch.float64, torch.CPU);
        p.data<double>().ToArray().ShouldBe([0.0, 1.0, 2.0, 3.0]);
        set.Contains(torch.tensor(new double[,] { { 2, 3 }, { 2, 3.1 } })).data<bool>().ToArray().ShouldBe([true, false]);
        Should.Throw<ArgumentException>(() => new PointSet([[0.0, 1.0], [2.0]])).Message.ShouldContain("point 1");
    }
}
