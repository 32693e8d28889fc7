using System.Text.Json;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Commands;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Reference;

/// <summary>The host measures a problem with tabulated reference data at all its nodes: pooled, per-field and max errors.</summary>
public sealed class ReferenceEvaluationTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Two fields (a, b) of x ∈ [0, 3], tabulated at four nodes; optionally a solution (1, 1) everywhere.</summary>
    private sealed class TabulatedProblem : PdeProblem, IReferenceDataProblem
    {
        private readonly bool _hasSolution;

        public TabulatedProblem(ReferenceData? data, bool hasSolution) : base(["x"], Interval.Of(0, 3), outputDimension: 2)
        {
            ReferenceData = data;
            _hasSolution = hasSolution;
            OutputNames = ["a", "b"];
        }

        public ReferenceData? ReferenceData { get; }

        public override bool HasSolution => _hasSolution;

        public override torch.Tensor Solution(torch.Tensor x) => torch.ones([x.shape[0], 2], x.dtype, x.device);
    }

    /// <summary>a* = (1, 2, 0, 1), b* = (0, 0, 3, 4) at x = 0, 1, 2, 3.</summary>
    private static ReferenceData FourNodes() => new("four.dat", ["x"], ["a", "b"], [0.0, 1, 2, 3], [1.0, 0, 2, 0, 0, 3, 1, 4]);

    /// <summary>The linear model u(x) = (1, 0): weights 0, bias (1, 0).</summary>
    private static Mlp Constant(params double[] bias)
    {
        var network = new Mlp(1, [], bias.Length, Activation.FromName("tanh"), TensorSpec.Float64Cpu);
        using var noGrad = torch.no_grad();
        using var value = torch.tensor(bias, torch.float64);
        network.Layers[0].Bias.copy_(value);
        return network;
    }

    [Fact]
    public void Errors_at_the_nodes_match_a_hand_computation()
    {
        // u − u*: a (0, −1, 1, 0), b (0, 0, −3, −4); ‖a*‖² = 6, ‖b*‖² = 25.
        using var error = SolutionError.For(new TabulatedProblem(FourNodes(), hasSolution: false), 100, 0, TensorSpec.Float64Cpu)!;
        using var network = Constant(1, 0);

        var report = error.Measure(network);

        error.Points.shape.ShouldBe([4L, 1L]);
        report.RelL2.ShouldBe(Math.Sqrt(27.0 / 31), 1e-15);
        report.Fields.Keys.ShouldBe(["a", "b"]);
        report.Fields["a"].ShouldBe(Math.Sqrt(2.0 / 6), 1e-15);
        report.Fields["b"].ShouldBe(1.0, 1e-15);
        report.MaxError.ShouldBe(4.0);
        report.SolutionRelL2.ShouldBeNull();
        error.RelativeL2(network).ShouldBe(report.RelL2);
    }

    [Fact]
    public void The_problem_s_own_solution_is_measured_at_the_same_nodes()
    {
        // u − (1, 1) = (0, −1) at every node: 4 / ‖(1, 1)‖² over four nodes = 4 / 8.
        using var error = SolutionError.For(new TabulatedProblem(FourNodes(), hasSolution: true), 100, 0, TensorSpec.Float64Cpu)!;
        using var network = Constant(1, 0);

        error.Measure(network).SolutionRelL2!.Value.ShouldBe(Math.Sqrt(0.5), 1e-15);
    }

    [Fact]
    public void Without_data_the_error_is_measured_at_random_points_as_before()
    {
        using var error = SolutionError.For(new TabulatedProblem(null, hasSolution: true), 100, 0, TensorSpec.Float64Cpu)!;
        using var network = Constant(1, 0);

        var report = error.Measure(network);

        error.Reference.ShouldBeNull();
        error.Points.shape.ShouldBe([100L, 1L]);
        report.Fields["a"].ShouldBe(0.0);
        report.Fields["b"].ShouldBe(1.0, 1e-15);
        report.RelL2.ShouldBe(Math.Sqrt(0.5), 1e-15);
        SolutionError.For(new TabulatedProblem(null, hasSolution: false), 100, 0, TensorSpec.Float64Cpu).ShouldBeNull();
    }

    [Fact]
    public void Many_nodes_are_measured_in_chunks_with_the_same_result()
    {
        const int n = 2 * SolutionError.ChunkRows + 123;
        var x = Enumerable.Range(0, n).Select(i => 3.0 * i / (n - 1)).ToArray();
        var values = x.SelectMany(v => new[] { Math.Sin(v), Math.Cos(v) }).ToArray();
        using var error = SolutionError.For(new TabulatedProblem(new ReferenceData("many", ["x"], ["a", "b"], x, values), false), 100, 0, TensorSpec.Float64Cpu)!;
        using var network = Constant(0.25, -0.5);

        var report = error.Measure(network);

        double Squares(Func<int, double> f) => Enumerable.Range(0, n).Sum(i => f(i) * f(i));
        var a = Squares(i => 0.25 - values[2 * i]);
        var b = Squares(i => -0.5 - values[2 * i + 1]);
        var normA = Squares(i => values[2 * i]);
        var normB = Squares(i => values[2 * i + 1]);
        report.RelL2.ShouldBe(Math.Sqrt((a + b) / (normA + normB)), 1e-12);
        report.Fields["a"].ShouldBe(Math.Sqrt(a / normA), 1e-12);
        report.Fields["b"].ShouldBe(Math.Sqrt(b / normB), 1e-12);
        report.MaxError.ShouldBe(Enumerable.Range(0, n).Max(i => Math.Max(Math.Abs(0.25 - values[2 * i]), Math.Abs(-0.5 - values[2 * i + 1]))), 1e-15);
    }

    [Fact]
    public void Data_of_the_wrong_dimensions_are_refused_naming_the_file()
    {
        var oneField = new ReferenceData("one.dat", ["x"], ["u"], [0.0], [1.0]);

        Should.Throw<InvalidOperationException>(() => SolutionError.For(new TabulatedProblem(oneField, false), 10, 0, TensorSpec.Float64Cpu))
              .Message.ShouldBe("its reference data one.dat have 1 inputs and 1 outputs, the problem 1 and 2");
    }

    [Fact]
    public void Output_names_default_to_u_or_u1_to_um_and_a_problem_may_set_its_own()
    {
        IProblem single = new Pinn.Problems.Burgers.Burgers.BurgersProblem(new(), Path.GetTempPath());
        IProblem pair = new TabulatedProblem(null, false);

        single.OutputNames.ShouldBe(["u"]);
        pair.OutputNames.ShouldBe(["a", "b"]);
        Should.Throw<ArgumentException>(() => new BadNames());
    }

    private sealed class BadNames : PdeProblem
    {
        public BadNames() : base(["x"], Interval.Of(0, 1), outputDimension: 2) => OutputNames = ["u"];

        public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException();
    }

    [Fact]
    public void A_burgers1d_C_run_reports_the_errors_at_PINNacle_s_nodes_in_summary_json()
    {
        using var temp = new TemporaryDirectory();
        // The shipped manifest with a budget of three Adam steps, whatever its own budget and optimizer.
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "manifests", "burgers1d-c.json")))!;
        node.AsObject().Remove("stages");
        node["budget"] = new System.Text.Json.Nodes.JsonObject { ["steps"] = 3 };
        node["optimizer"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "adam" };
        var manifest = node.ToJsonString();
        var plan = ManifestValidator.ValidateText(manifest, "burgers1d-c.json", host.Catalog, temp.Path);

        var summary = new TrainingRun(plan, temp.Path).Execute(CancellationToken.None, _ => { });

        summary.Reference.ShouldNotBeNull();
        (summary.Reference.Source, summary.Reference.Points, summary.Reference.DroppedRows).ShouldBe(("burgers1d.dat", 1111, 0));
        summary.Fields!["u"].ShouldBe(summary.RelL2!.Value); // one field: its error is the pooled one
        summary.Reference.SolutionRelL2.ShouldNotBeNull();
        summary.MaxError!.Value.ShouldBeGreaterThan(0);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "summary.json")));
        var root = json.RootElement;
        root.GetProperty("relL2").GetDouble().ShouldBe(summary.RelL2.Value);
        root.GetProperty("fields").GetProperty("u").GetDouble().ShouldBe(summary.RelL2.Value);
        root.GetProperty("maxError").GetDouble().ShouldBe(summary.MaxError.Value);
        root.GetProperty("reference").GetProperty("source").GetString().ShouldBe("burgers1d.dat");
        root.GetProperty("reference").GetProperty("points").GetInt32().ShouldBe(1111);
        root.GetProperty("reference").GetProperty("solutionRelL2").GetDouble().ShouldBe(summary.Reference.SolutionRelL2!.Value);
        RunCommand.ErrorDetails(summary)!.ShouldStartWith("at the 1111 nodes of burgers1d.dat: u ");
        RunCommand.ErrorDetails(summary)!.ShouldContain("; against the problem's own solution there ");
    }
}
