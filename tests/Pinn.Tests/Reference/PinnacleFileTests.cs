using Pinn.Abstractions.Reference;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Reference;

/// <summary>The PINNacle reference files vendored in data/pinnacle/, read as PINNacle reads them (PINNACLE.md §2, §4).</summary>
public sealed class PinnacleFileTests
{
    private static string File(string name) => Path.Combine(RepositoryRoot.Path, "data", "pinnacle", name);

    private static IEnumerable<int> Rows(ReferenceData data) => Enumerable.Range(0, data.Count);

    [Fact]
    public void Burgers1d_expands_101_nodes_by_11_times_into_1111_rows_time_first()
    {
        var data = ReferenceDataReader.ReadComsol(File("burgers1d.dat"), ["x"], 1, timeDependent: true);

        data.Count.ShouldBe(1111);
        data.DroppedRows.ShouldBe(0);
        data.Source.ShouldBe("burgers1d.dat");
        data.InputNames.ShouldBe(["t", "x"]);
        data.OutputNames.ShouldBe(["u"]);
        Rows(data).Select(r => data.Point(r, 0)).Distinct().Order().ShouldBe(Enumerable.Range(0, 11).Select(k => k / 10.0), tolerance: 1e-15);
        Rows(data).Select(r => data.Point(r, 1)).Distinct().Count().ShouldBe(101);
        // Node by node, time by time, as PINNacle expands them: the first node (x = −1) at t = 0, 0.1, …
        (data.Point(0, 0), data.Point(0, 1), data.Point(1, 0), data.Point(1, 1), data.Point(11, 1)).ShouldBe((0.0, -1.0, 0.1, -1.0, -0.98));
    }

    [Fact]
    public void Burgers1d_holds_the_initial_and_boundary_conditions()
    {
        var data = ReferenceDataReader.ReadComsol(File("burgers1d.dat"), ["x"], 1, timeDependent: true);

        foreach (var r in Rows(data))
        {
            var (t, x, u) = (data.Point(r, 0), data.Point(r, 1), data.Value(r, 0));
            if (Math.Abs(x) == 1) u.ShouldBe(0);
            // COMSOL's initial values are its finite-element interpolant of −sin(πx): measured max deviation 3.2e-6.
            if (t == 0) u.ShouldBe(-Math.Sin(Math.PI * x), 5e-6);
        }
    }

    [Fact]
    public void Burgers1d_in_PINNacle_s_own_order_puts_time_after_x()
    {
        var data = ReferenceDataReader.ReadComsol(File("burgers1d.dat"), ["x"], 1, timeDependent: true, timeFirst: false);

        data.InputNames.ShouldBe(["x", "t"]);
        (data.Point(1, 0), data.Point(1, 1)).ShouldBe((-1.0, 0.1));
    }

    [Fact]
    public void Lid_driven_a4_has_10201_nodes_with_the_lid_and_wall_velocities()
    {
        var data = ReferenceDataReader.ReadComsol(File("lid_driven_a4.dat"), ["x", "y"], 3, timeDependent: false, outputNames: ["u", "v", "p"]);

        data.Count.ShouldBe(10201);
        (data.InputDimension, data.OutputDimension).ShouldBe((2, 3));
        // A 101 × 101 grid whose coordinates COMSOL wrote with differences in the last digits (755 distinct x as written).
        Rows(data).Select(r => Math.Round(data.Point(r, 0), 6)).Distinct().Count().ShouldBe(101);
        Rows(data).Select(r => Math.Round(data.Point(r, 1), 6)).Distinct().Count().ShouldBe(101);
        var lid = 0;
        foreach (var r in Rows(data))
        {
            var (x, y, u, v) = (data.Point(r, 0), data.Point(r, 1), data.Value(r, 0), data.Value(r, 1));
            if (y == 1)
            {
                lid++;
                // The lid condition holds to the finite-element solution's accuracy: measured 2.7e-4 in u, 1.3e-4 in v.
                u.ShouldBe(4 * x * (1 - x), 5e-4);
                v.ShouldBe(0, 5e-4);
            }
            else if (x == 0 || x == 1 || y == 0)
            {
                u.ShouldBe(0); // exactly, at all 300 wall nodes
                v.ShouldBe(0);
            }
        }
        lid.ShouldBe(101);
        (data.Point(0, 0), data.Point(0, 1), data.Value(0, 2)).ShouldBe((0.0, 0.0, 0.0)); // p pinned at the origin
    }

    [Fact]
    public void Poisson2d_C_has_1246_nodes_with_u_1_on_the_square_and_0_on_the_circles()
    {
        var data = ReferenceDataReader.ReadComsol(File("poisson1_cg_data.dat"), ["x", "y"], 1, timeDependent: false);

        data.Count.ShouldBe(1246);
        (double X, double Y)[] centres = [(0.3, 0.3), (-0.3, 0.3), (0.3, -0.3), (-0.3, -0.3)];
        int square = 0, circle = 0;
        foreach (var r in Rows(data))
        {
            var (x, y, u) = (data.Point(r, 0), data.Point(r, 1), data.Value(r, 0));
            var distance = centres.Min(c => Math.Sqrt((x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y)));
            distance.ShouldBeGreaterThan(0.1 - 1e-9); // no node inside a hole
            if (Math.Abs(x) == 0.5 || Math.Abs(y) == 0.5) { square++; u.ShouldBe(1, 1e-12); }
            if (distance < 0.1 + 1e-9) { circle++; u.ShouldBe(0, 1e-12); }
        }
        square.ShouldBeGreaterThan(0);
        circle.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Poisson2d_CG_has_3236_nodes_with_u_0_2_on_the_square_and_1_on_the_circles()
    {
        var data = ReferenceDataReader.ReadComsol(File("poisson_boltzmann2d.dat"), ["x", "y"], 1, timeDependent: false);

        data.Count.ShouldBe(3236);
        (double X, double Y, double R)[] circles = [(0.5, 0.5, 0.2), (0.4, -0.4, 0.4), (-0.2, -0.7, 0.1), (-0.6, 0.5, 0.3)];
        int square = 0, circle = 0;
        foreach (var r in Rows(data))
        {
            var (x, y, u) = (data.Point(r, 0), data.Point(r, 1), data.Value(r, 0));
            if (Math.Abs(x) == 1 || Math.Abs(y) == 1) { square++; u.ShouldBe(0.2, 1e-12); }
            if (circles.Any(c => Math.Abs(Math.Sqrt((x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y)) - c.R) < 1e-9)) { circle++; u.ShouldBe(1, 1e-12); }
        }
        square.ShouldBeGreaterThan(0);
        circle.ShouldBeGreaterThan(0);
        Rows(data).Min(r => data.Value(r, 0)).ShouldBe(-0.704, 1e-3);
        Rows(data).Max(r => data.Value(r, 0)).ShouldBe(1.333, 1e-3);
    }

    [Fact]
    public void Backward_facing_step_has_12910_nodes_and_an_inlet_profile_peaking_at_1()
    {
        var data = ReferenceDataReader.ReadComsol(File("ns_0_obstacle.dat"), ["x", "y"], 3, timeDependent: false, outputNames: ["u", "v", "p"]);

        data.Count.ShouldBe(12910);
        var inlet = Rows(data).Where(r => data.Point(r, 0) == 0).ToArray();
        foreach (var r in inlet) data.Value(r, 0).ShouldBe(4 * data.Point(r, 1) * (1 - data.Point(r, 1)), 1e-3);
        inlet.Max(r => data.Value(r, 0)).ShouldBe(1, 1e-3);
        Rows(data).Any(r => data.Point(r, 0) < 2 && data.Point(r, 1) > 1).ShouldBeFalse(); // the removed block
    }

    [Fact]
    public void HeatInv_observation_points_are_2500_rows_of_x_y_t_without_a_header()
    {
        var data = ReferenceDataReader.ReadComsol(File("heatinv_points.dat"), ["x", "y", "t"], 0, timeDependent: false);

        data.Count.ShouldBe(2500);
        data.OutputDimension.ShouldBe(0);
        foreach (var r in Rows(data))
        {
            data.Point(r, 0).ShouldBeInRange(-1, 1);
            data.Point(r, 1).ShouldBeInRange(-1, 1);
            data.Point(r, 2).ShouldBeInRange(0, 1);
        }
    }
}
