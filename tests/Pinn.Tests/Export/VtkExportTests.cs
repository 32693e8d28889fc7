using System.Text.Json.Nodes;
using System.Xml.Linq;
using Pinn.Abstractions.Problems;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Export;

/// <summary><c>pinn export --vtk</c>: files VTK's own readers open, holding the trained network's values, the exact or
/// reference solution, the error and the residual; blanked cells outside the domain; a .pvd per time series.</summary>
public sealed class VtkExportTests(TrainedRuns runs, HostFixture host) : IClassFixture<TrainedRuns>, IClassFixture<HostFixture>
{
    private static double[] Column(JsonObject data, string section, string name) => data[section]![name]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    private static double[][] Points(JsonObject data) => data["points"]!.AsArray().Select(p => p!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();

    [VtkReaderFact]
    public void Image_data_of_poisson2d_holds_the_networks_values_the_exact_solution_and_the_error()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("export", runs.Poisson2d, "--vtk", "--resolution", "11", "--out", temp.Path);
        code.ShouldBe(0, error);
        var data = VtkReader.Read(temp.Combine("poisson2d-small.vti"));
        var points = Points(data);
        points.Length.ShouldBe(121);
        data["cells"]!.GetValue<int>().ShouldBe(100);
        points[1].ShouldBe([0.1, 0.0, 0.0], 1e-15); // x fastest

        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(points.SelectMany(p => p.Take(2)).ToArray(), [points.Length, 2], torch.float64);
        var expected = TrainedRuns.ForwardFromCheckpoint(runs.Poisson2d, x)[.., 0].data<double>().ToArray();
        var u = Column(data, "pointData", "u");
        var exact = Column(data, "pointData", "u_exact");
        var uError = Column(data, "pointData", "u_error");
        for (var i = 0; i < points.Length; i++)
        {
            u[i].ShouldBe(expected[i], 1e-12); // a 121-point batch against the reference forward: matmul rounding only
            exact[i].ShouldBe(Math.Sin(Math.PI * points[i][0]) * Math.Sin(Math.PI * points[i][1]), 1e-14);
            uError[i].ShouldBe(Math.Abs(u[i] - exact[i]), 1e-14);
        }
        uError.Max().ShouldBeLessThan(5e-2); // a trained network
        Column(data, "pointData", "residual_interior").ShouldAllBe(r => r >= 0 && double.IsFinite(r));
        Column(data, "cellData", "vtkGhostType").ShouldAllBe(g => g == 0); // the unit square: nothing blanked
    }

    [VtkReaderFact]
    public void A_time_dependent_run_writes_one_file_per_time_and_a_pvd_collection()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("export", runs.Heat1d, "--vtk", "--resolution", "5", "--times", "3", "--out", temp.Path);
        code.ShouldBe(0, error);
        var collection = XDocument.Load(temp.Combine("heat1d-small.pvd"));
        var steps = collection.Descendants("DataSet").Select(d => (Time: double.Parse(d.Attribute("timestep")!.Value, System.Globalization.CultureInfo.InvariantCulture), File: d.Attribute("file")!.Value)).ToArray();
        steps.Select(s => s.Time).ShouldBe([0.0, 0.5, 1.0]);
        using var scope = torch.NewDisposeScope();
        foreach (var (time, file) in steps)
        {
            var data = VtkReader.Read(temp.Combine(file));
            var points = Points(data);
            points.Select(p => p[0]).ShouldBe([0.0, 0.25, 0.5, 0.75, 1.0], 1e-15);
            points.ShouldAllBe(p => p[1] == 0 && p[2] == 0);
            var x = torch.tensor(points.SelectMany(p => new[] { time, p[0] }).ToArray(), [points.Length, 2], torch.float64);
            var expected = TrainedRuns.ForwardFromCheckpoint(runs.Heat1d, x)[.., 0].data<double>().ToArray();
            Column(data, "pointData", "u").ShouldBe(expected, 1e-12);

            // The PDE's residual |u_t − κ u_xx| (κ = 0.25, heat1d's default) over time × space, against autograd.
            var xg = x.detach().requires_grad_(true);
            var u = TrainedRuns.ForwardFromCheckpoint(runs.Heat1d, xg).sum();
            var du = torch.autograd.grad([u], [xg], retain_graph: true, create_graph: true)[0];
            var uxx = torch.autograd.grad([du[.., 1].sum()], [xg])[0][.., 1];
            var residual = (du[.., 0] - 0.25 * uxx).abs().detach().data<double>().ToArray();
            Column(data, "pointData", "residual_interior").ShouldBe(residual, 1e-10);
        }
    }

    [VtkReaderFact]
    public void Cells_outside_a_round_domain_are_blanked_and_only_those()
    {
        using var temp = new TemporaryDirectory();
        var run = Train(temp, """
            { "name": "disk", "seed": 0, "dtype": "float64", "threads": 2,
              "problem": { "name": "heat-nd", "options": { "dimension": 2 } },
              "model": { "hidden": [8], "activation": "tanh" },
              "engine": { "name": "autodiff" },
              "sampler": { "name": "lhs", "points": { "interior": 64, "neumann": 32, "initial": 32 } },
              "optimizer": { "name": "adam" },
              "budget": { "steps": 3 },
              "evaluation": { "every": 3, "points": 200 } }
            """);
        var (code, error) = HostCommand.Run("export", run, "--vtk", "--resolution", "9", "--times", "1", "--out", temp.Combine("vtk"));
        code.ShouldBe(0, error);
        var data = VtkReader.Read(temp.Combine("vtk", "disk_0000.vti"));
        var ghosts = Column(data, "cellData", "vtkGhostType");
        ghosts.Length.ShouldBe(64);
        // Cell (i, j) of the 8 × 8 cells on [−1, 1]² has its centre at (−0.875 + 0.25 i, −0.875 + 0.25 j).
        for (var j = 0; j < 8; j++)
        for (var i = 0; i < 8; i++)
        {
            var (cx, cy) = (-0.875 + 0.25 * i, -0.875 + 0.25 * j);
            ghosts[j * 8 + i].ShouldBe(cx * cx + cy * cy <= 1 ? 0 : 32, $"cell ({i}, {j})");
        }
        var inside = Column(data, "pointData", "inside");
        var points = Points(data);
        for (var p = 0; p < points.Length; p++)
            inside[p].ShouldBe(points[p][0] * points[p][0] + points[p][1] * points[p][1] <= 1 + 1e-9 ? 1 : 0);
    }

    [VtkReaderFact]
    public void A_problem_with_a_reference_file_is_written_at_the_reference_nodes()
    {
        using var temp = new TemporaryDirectory();
        var run = Train(temp, """
            { "name": "plate", "seed": 0, "dtype": "float64", "threads": 2,
              "problem": { "name": "poisson2d-c" },
              "model": { "hidden": [8], "activation": "tanh" },
              "engine": { "name": "autodiff" },
              "sampler": { "name": "lhs", "points": { "interior": 64, "outer": 32, "circles": 32 } },
              "optimizer": { "name": "adam" },
              "budget": { "steps": 3 },
              "evaluation": { "every": 3, "points": 200 } }
            """);
        var (code, error) = HostCommand.Run("export", run, "--vtk", "--out", temp.Combine("vtk"));
        code.ShouldBe(0, error);
        var data = VtkReader.Read(temp.Combine("vtk", "plate.vtu"));
        using var scope = torch.NewDisposeScope();
        var problem = (IReferenceDataProblem)SuiteProblems.Create(host, "poisson2d-c", null, temp.Combine("cache2"));
        var reference = problem.ReferenceData!;
        var points = Points(data);
        points.Length.ShouldBe(reference.Count);
        for (var i = 0; i < points.Length; i += 97)
        {
            points[i][0].ShouldBe(reference.Point(i, 0));
            points[i][1].ShouldBe(reference.Point(i, 1));
        }
        Column(data, "pointData", "u_reference").ShouldBe(Enumerable.Range(0, reference.Count).Select(i => reference.Value(i, 0)).ToArray());
        var x = reference.PointsTensor();
        Column(data, "pointData", "u").ShouldBe(TrainedRuns.ForwardFromCheckpoint(run, x)[.., 0].data<double>().ToArray(), 1e-12);
    }

    [Fact]
    public void Export_without_a_format_or_with_a_bad_resolution_says_what_is_wrong()
    {
        var (code, error) = HostCommand.Run("export", runs.Poisson2d, "--resolution", "1");
        code.ShouldBe(2);
        error.ShouldContain("say what to export: --vtk, --safetensors or both");
        error.ShouldContain("--resolution 1: must be between 2 and 1001");
    }

    private string Train(TemporaryDirectory temp, string manifest)
    {
        var directory = temp.Combine("run");
        Directory.CreateDirectory(directory);
        var plan = ManifestValidator.ValidateText(manifest, "test.json", host.Catalog, temp.Combine("cache"));
        new TrainingRun(plan, directory).Execute(CancellationToken.None, _ => { });
        return directory;
    }
}
