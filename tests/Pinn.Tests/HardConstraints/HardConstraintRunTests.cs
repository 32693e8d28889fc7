using Pinn.Host.Inference;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.HardConstraints;

/// <summary>
/// <c>"model": { "hardConstraints": true }</c> end to end: the run trains only the remaining conditions, reaches the exact
/// solution's accuracy, and the trained model predicts the constrained output (the boundary data exactly); a problem
/// without a constraint is a manifest error naming the field.
/// </summary>
public sealed class HardConstraintRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Manifest(string problem, bool hard, string optimizer = "engd", int steps = 40, string hidden = "[16]") => $$"""
        { "name": "hard-{{problem}}", "seed": 1, "device": "cpu", "dtype": "float64",
          "problem": { "name": "{{problem}}" },
          "model": { "hidden": {{hidden}}, "hardConstraints": {{(hard ? "true" : "false")}} },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "lhs", "points": { "interior": 200 } },
          "optimizer": { "name": "{{optimizer}}" },
          "budget": { "steps": {{steps}} },
          "evaluation": { "every": 10, "points": 1000 } }
        """;

    private RunSummary Run(string manifest, string directory)
    {
        var plan = ManifestValidator.ValidateText(manifest, "hard.json", host.Catalog, Path.Combine(directory, "cache"));
        return new TrainingRun(plan, directory).Execute(CancellationToken.None, _ => { });
    }

    [Theory]
    [InlineData("poisson2d", 1e-4)]
    [InlineData("heat1d", 1e-3)]
    public void A_hard_constrained_run_trains_the_interior_alone_to_the_solution(string problem, double tolerance)
    {
        using var run = new TemporaryDirectory();
        var summary = Run(Manifest(problem, hard: true), run.Path);
        summary.RelL2!.Value.ShouldBeLessThan(tolerance, summary.StoppedBecause);
        File.ReadLines(run.Combine("metrics.csv")).First().ShouldContain("loss_interior,relL2");   // no boundary or initial column
    }

    [Fact]
    public void The_trained_model_predicts_the_constrained_output_with_the_boundary_data_exact()
    {
        using var run = new TemporaryDirectory();
        Run(Manifest("poisson2d", hard: true, steps: 5), run.Path);
        using var model = TrainedModel.Load(run.Path, host.Catalog, run.Combine("cache"));
        using var edge = torch.tensor(new[,] { { 0.0, 0.3 }, { 1.0, 0.7 }, { 0.25, 0.0 }, { 0.5, 1.0 } }, torch.float64);
        model.Predict(edge).abs().max().item<double>().ShouldBe(0.0);
        using var centre = torch.tensor(new[,] { { 0.5, 0.5 } }, torch.float64);
        using var network = model.Network.Forward(centre);
        model.Predict(centre).item<double>().ShouldBe(network.item<double>(), 1e-15);   // φ = 16·¼·¼ = 1 and g = 0 there
    }

    [Fact]
    public void Weights_and_points_given_for_the_replaced_conditions_are_named_in_a_note()
    {
        using var run = new TemporaryDirectory();
        var text = Manifest("poisson2d", hard: true)
            .Replace("\"points\": { \"interior\": 200 }", "\"points\": { \"interior\": 200, \"boundary\": 50 }")
            .Replace("\"problem\": { \"name\": \"poisson2d\" }", "\"problem\": { \"name\": \"poisson2d\", \"weights\": { \"boundary\": 100 } }");
        ManifestValidator.ValidateText(text, "hard.json", host.Catalog, run.Path).Notes
            .ShouldContain("note: $.problem.weights.boundary, $.sampler.points.boundary not used: the hard constraint makes boundary hold exactly");
        ManifestValidator.ValidateText(Manifest("poisson2d", hard: true), "hard.json", host.Catalog, run.Path).Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Hard_constraints_on_a_problem_that_declares_none_and_a_value_that_is_not_a_boolean_are_manifest_errors()
    {
        using var run = new TemporaryDirectory();
        var none = Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest("laplace2d", hard: true), "hard.json", host.Catalog, run.Path));
        none.Message.ShouldContain("$.model.hardConstraints: problem 'laplace2d'");
        none.Message.ShouldContain("declares no hard constraint (problems that do: allen-cahn, burgers, heat-inverse, heat1d, poisson2d, poisson2d-c, poisson2d-cg)");
        var text = Manifest("poisson2d", hard: true).Replace("\"hardConstraints\": true", "\"hardConstraints\": \"yes\"");
        Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(text, "hard.json", host.Catalog, run.Path))
              .Message.ShouldContain("$.model.hardConstraints: must be true or false");
    }
}
