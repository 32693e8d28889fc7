using System.Globalization;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Inference;

/// <summary><c>pinn predict</c>: the fields and derivatives at a file's points or on a grid, exactly as the trained network
/// gives them, and clear refusals of bad input.</summary>
public sealed class PredictCommandTests(TrainedRuns runs) : IClassFixture<TrainedRuns>
{
    private static (string[] Header, double[][] Rows) ReadCsv(string file)
    {
        var lines = File.ReadAllLines(file);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray());
    }

    [Fact]
    public void Predict_at_a_files_points_gives_the_networks_values_and_derivatives()
    {
        using var temp = new TemporaryDirectory();
        var points = temp.Combine("points.csv");
        // Columns in another order than the inputs, and one extra column that is ignored.
        File.WriteAllLines(points, ["y,note,x", "0.25,1,0.5", "0.75,2,0.1", "0.5,3,0.9"]);
        var output = temp.Combine("out.csv");
        var (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", points, "--derivatives", "u_x,u_xx,u_xy", "--out", output);
        code.ShouldBe(0, error);
        error.ShouldContain("ignoring the columns note");
        var (header, rows) = ReadCsv(output);
        header.ShouldBe(["x", "y", "u", "u_x", "u_xx", "u_xy"]);

        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 0.5, 0.25, 0.1, 0.75, 0.9, 0.5 }, [3, 2], torch.float64).requires_grad_();
        var u = TrainedRuns.ForwardFromCheckpoint(runs.Poisson2d, x);
        var grad = torch.autograd.grad([u.sum()], [x], retain_graph: true, create_graph: true)[0];
        var ux = grad[.., 0];
        var second = torch.autograd.grad([ux.sum()], [x])[0];
        for (var i = 0; i < 3; i++)
        {
            rows[i][0].ShouldBe(x[i, 0].item<double>());
            rows[i][1].ShouldBe(x[i, 1].item<double>());
            rows[i][2].ShouldBe(u[i, 0].item<double>(), 1e-12);
            rows[i][3].ShouldBe(ux[i].item<double>(), 1e-12);
            rows[i][4].ShouldBe(second[i, 0].item<double>(), 1e-11);
            rows[i][5].ShouldBe(second[i, 1].item<double>(), 1e-11);
        }
        // Trained: close to the exact solution sin(πx) sin(πy) at the first point.
        rows[0][2].ShouldBe(Math.Sin(Math.PI * 0.5) * Math.Sin(Math.PI * 0.25), 2e-2);
    }

    [Fact]
    public void Predict_on_a_grid_orders_the_points_with_the_last_input_fastest()
    {
        using var temp = new TemporaryDirectory();
        var output = temp.Combine("grid.csv");
        var (code, error) = HostCommand.Run("predict", runs.Heat1d, "--grid", "t=0:1:3,x=0.5", "--out", output);
        code.ShouldBe(0, error);
        var (header, rows) = ReadCsv(output);
        header.ShouldBe(["t", "x", "u"]);
        rows.Select(r => (r[0], r[1])).ShouldBe([(0.0, 0.5), (0.5, 0.5), (1.0, 0.5)]);

        using var scope = torch.NewDisposeScope();
        var expected = TrainedRuns.ForwardFromCheckpoint(runs.Heat1d, torch.tensor(new[] { 0.0, 0.5, 0.5, 0.5, 1.0, 0.5 }, [3, 2], torch.float64));
        for (var i = 0; i < 3; i++) rows[i][2].ShouldBe(expected[i, 0].item<double>(), 1e-12);
    }

    [Fact]
    public void A_points_file_with_wrong_columns_or_bad_numbers_is_refused_with_every_mistake_named()
    {
        using var temp = new TemporaryDirectory();
        var wrongColumns = temp.Combine("columns.csv");
        File.WriteAllLines(wrongColumns, ["x,z", "0.1,0.2", "abc,0.3"]);
        var (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", wrongColumns);
        code.ShouldBe(2);
        error.ShouldContain("no column 'y'");
        error.ShouldContain("it has x, z");
        error.ShouldContain("line 3, column 'x': 'abc' is not a finite number");   // the rows are read all the same

        var badNumbers = temp.Combine("numbers.csv");
        File.WriteAllLines(badNumbers, ["x,y", "0.1,NaN", "0.2,0.3", "abc,0.4", "0.5"]);
        (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", badNumbers, "--derivatives", "w,u_q");
        code.ShouldBe(2);
        error.ShouldContain("line 2, column 'y': 'NaN' is not a finite number");
        error.ShouldContain("line 4, column 'x': 'abc' is not a finite number");
        error.ShouldContain("line 5: 1 cells, the header has 2");
        error.ShouldContain("'w' is not an output or a derivative of one (outputs: u");
        error.ShouldContain("'u_q' is not an output");
        error.ShouldContain("pinn predict: 5 problem(s):");            // one list: the file's three and the two names
        error.ShouldContain($"\n  {badNumbers}: line 2, column 'y'");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Points_outside_the_domain_are_a_warning_and_with_strict_an_error()
    {
        using var temp = new TemporaryDirectory();
        var points = temp.Combine("outside.csv");
        File.WriteAllLines(points, ["x,y", "0.5,0.5", "1.5,0.5"]);
        var output = temp.Combine("out.csv");
        var (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", points, "--out", output);
        code.ShouldBe(0, error);
        error.ShouldContain("warning: 1 of 2 points lie outside the domain of poisson2d (the first is data row 2)");
        File.ReadAllLines(output).Length.ShouldBe(3);

        (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", points, "--strict");
        code.ShouldBe(2);
        error.ShouldContain("--strict refuses them");
    }

    [Fact]
    public void A_folder_without_a_checkpoint_and_a_bad_grid_are_clear_errors()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("predict", temp.Path, "--grid", "x=0:1:2,y=0:1:2");
        code.ShouldBe(2);
        error.ShouldContain("not a run folder (it has no checkpoint.bin");

        (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--grid", "x=0:1:z,q=1");
        code.ShouldBe(2);
        error.ShouldContain("'x=0:1:z': expected x=start:stop:count");
        error.ShouldContain("'q=1': expected <input>=start:stop:count with an input among x, y");
        error.ShouldContain("input 'y' has no values");

        (code, error) = HostCommand.Run("predict", runs.Poisson2d);
        code.ShouldBe(2);
        error.ShouldContain("give exactly one of --points FILE.csv and --grid SPEC");
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_and_a_folder_for_points_are_named_before_anything_is_computed()
    {
        using var temp = new TemporaryDirectory();
        var missing = temp.Combine("no-such-folder", "u.csv");
        var (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--points", temp.Path, "--out", missing);
        code.ShouldBe(2);
        error.ShouldContain($"--out {missing}: the folder {temp.Combine("no-such-folder")} does not exist");
        error.ShouldContain($"{temp.Path}: is a folder, not a CSV file");
        error.ShouldNotContain(".tmp");

        (code, error) = HostCommand.Run("predict", runs.Poisson2d, "--grid", "x=0:1:2,y=0:1:2", "--out", temp.Path);
        code.ShouldBe(2);
        error.ShouldContain($"--out {temp.Path}: is a folder; name the file to write");
    }
}
