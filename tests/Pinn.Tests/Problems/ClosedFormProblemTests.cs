using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Residuals;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Problems;

/// <summary>
/// Every problem of the suite with a closed-form solution: u* makes every condition's residual vanish
/// (derivatives of u* by nested autograd), boundary and initial data match, and the dimensions agree.
/// </summary>
public sealed class ClosedFormProblemTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string?> Problems() => new()
    {
        { "poisson2d", null },
        { "poisson5d", null },
        { "poisson5d", """{ "dimension": 3 }""" },
        { "poisson10d", null },
        { "poisson100d", null },
        { "poisson100d", """{ "dimension": 7 }""" },
        { "heat1d", null },
        { "heat4d", null },
        { "heat4d", """{ "dimension": 2, "diffusivity": 0.7 }""" },
        { "fokker-planck9d", null },
        { "fokker-planck9d", """{ "dimension": 3, "halfWidth": 2 }""" },
        { "laplace2d", null },
        { "laplace5d", null },
        { "nonlinear-poisson", null },
        { "nonlinear-poisson", """{ "dimension": 1 }""" },
        { "nonlinear-poisson", """{ "dimension": 5 }""" },
        { "kovasznay", null },
        { "kovasznay", """{ "reynolds": 40 }""" },
        { "heat2d-ms", null },
        { "heat2d-ms", """{ "frequency": 5 }""" },
        { "heat-nd", null },
        { "heat-nd", """{ "dimension": 2 }""" },
        { "wave1d-c", null },
        { "wave1d-c", """{ "frequency": 2 }""" },
        { "poisson-inverse", """{ "observationGrid": 3 }""" },
        { "heat-inverse", null },
        { "heat-inverse", """{ "steadyCoefficient": false }""" },
    };

    /// <summary>Conditions on noisy data, which u* satisfies only up to the noise (checked in their own tests).</summary>
    private static bool IsNoisyData(Condition c) => c.Name == "observations";

    /// <summary>n points of a condition's domain (by rejection where the domain needs it).</summary>
    private static torch.Tensor Points(Condition c, int n, torch.Generator generator)
        => c.Domain is PointSet set ? set.Points(torch.float64, torch.CPU)
            : DomainSampling.Sample(c.Domain, n, (count, k) => torch.rand([count, k], torch.float64, generator: generator));

    /// <summary>What the residual model would hand the condition if the network were u*: derivatives by autograd through
    /// the formula, the domain's normals and the image points' derivatives.</summary>
    private static ResidualInputs ExactInputs(IProblem problem, Condition c, torch.Tensor x)
    {
        var inputs = new ResidualInputs(x, ExactDerivatives.Of(problem.Solution, x, c.Request), new Dictionary<string, torch.Tensor>());
        if (c.Domain is IBoundaryDomain { HasNormals: true } boundary) inputs = inputs with { Normals = boundary.Normals(x) };
        if (c.Image is { } image) inputs = inputs with { Image = ExactDerivatives.Of(problem.Solution, image(x), c.Request) };
        return inputs;
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_exact_solution_makes_every_residual_vanish(string name, string? options)
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = SuiteProblems.Create(host, name, options, temp.Path);
        using var generator = new torch.Generator(7, torch.CPU);
        foreach (var condition in problem.Conditions.Where(c => !IsNoisyData(c)))
        {
            var x = Points(condition, 48, generator);
            var residual = condition.Residual(ExactInputs(problem, condition, x));
            var scale = 1 + problem.Solution(x).abs().max().item<double>();
            residual.abs().max().item<double>().ShouldBeLessThan(1e-10 * scale, $"{name} {options}: condition {condition.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Dimensions_agree_across_conditions_solution_and_names(string name, string? options)
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = SuiteProblems.Create(host, name, options, temp.Path);
        var d = problem.InputDimension;
        problem.InputNames.Count.ShouldBe(d);
        problem.EvaluationDomain.Dimension.ShouldBe(d);
        problem.Conditions.Select(c => c.Name).Distinct().Count().ShouldBe(problem.Conditions.Count);
        foreach (var condition in problem.Conditions)
        {
            condition.Domain.Dimension.ShouldBe(d, condition.Name);
            condition.DefaultPoints.ShouldBeGreaterThan(0);
            condition.Request.Keys.ShouldAllBe(k => k.MinimumInputDimension <= d);
        }
        var x = DomainSampling.Sample(problem.EvaluationDomain, 10, (n, k) => torch.rand([n, k], torch.float64));
        problem.Solution(x).shape.ShouldBe([10L, problem.OutputDimension]);
    }

    [Theory]
    [InlineData("poisson5d", """{ "dimension": 0 }""", "dimension")]
    [InlineData("poisson10d", """{ "dimension": 9 }""", "dimension")]
    [InlineData("poisson100d", """{ "dimension": -1 }""", "dimension")]
    [InlineData("heat4d", """{ "diffusivity": 0 }""", "diffusivity")]
    [InlineData("fokker-planck9d", """{ "halfWidth": -5 }""", "halfWidth")]
    [InlineData("nonlinear-poisson", """{ "dimension": 0 }""", "dimension")]
    [InlineData("kovasznay", """{ "reynolds": 0 }""", "reynolds")]
    [InlineData("heat2d-ms", """{ "frequency": 0.5 }""", "frequency")]
    [InlineData("heat-nd", """{ "dimension": 0 }""", "dimension")]
    [InlineData("wave1d-c", """{ "frequency": -1 }""", "frequency")]
    [InlineData("poisson-inverse", """{ "noise": -0.1 }""", "noise")]
    [InlineData("heat-inverse", """{ "noise": -1 }""", "noise")]
    [InlineData("ns2d-c", """{ "lidAmplitude": 0 }""", "lidAmplitude")]
    public void Invalid_options_are_refused_naming_the_field(string name, string options, string field)
    {
        var errors = SuiteProblems.Errors(host, name, options);
        errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void Heat_inverse_asks_a_coefficient_constant_in_time_unless_told_not_to()
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var steady = SuiteProblems.Create(host, "heat-inverse", null, temp.Path);
        var pinnacle = SuiteProblems.Create(host, "heat-inverse", """{ "steadyCoefficient": false }""", temp.Path);
        pinnacle.Conditions.Select(c => c.Name).ShouldBe(["interior", "observations", "coefficient"]);
        var condition = steady.Conditions.Single(c => c.Name == "steady-coefficient");
        var x = torch.tensor(new[] { 0.25, 0.5, -0.3, 0.75, -0.2, 0.9 }, [2, 3], torch.float64);
        // u = t, a = t² x: the residual is ∂t a = 2 t x.
        var derivatives = ExactDerivatives.Of(p => torch.stack([p[.., 0], p[.., 0].square() * p[.., 1]], 1), x, condition.Request);
        var residual = condition.Residual(new ResidualInputs(x, derivatives, new Dictionary<string, torch.Tensor>()));
        residual.data<double>().ToArray().ShouldBe([2 * 0.25 * 0.5, 2 * 0.75 * -0.2], 1e-14);
    }

    [Fact]
    public void Poisson10d_solution_pairs_neighbouring_coordinates()
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = SuiteProblems.Create(host, "poisson10d", """{ "dimension": 4 }""", temp.Path);
        var x = torch.tensor(new[] { 0.1, 0.2, 0.3, 0.4 }, [1, 4], torch.float64);
        problem.Solution(x).item<double>().ShouldBe(0.1 * 0.2 + 0.3 * 0.4, 1e-15);
    }

    [Fact]
    public void Fokker_planck_solution_is_the_log_density_of_the_widening_gaussian()
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = SuiteProblems.Create(host, "fokker-planck9d", """{ "dimension": 2 }""", temp.Path);
        var (t, x1, x2) = (0.7, 0.3, -1.1);
        var s = 2 - Math.Exp(-t);
        var expected = Math.Log(Math.Exp(-(x1 * x1 + x2 * x2) / (2 * s)) / (2 * Math.PI * s));
        problem.Solution(torch.tensor(new[] { t, x1, x2 }, [1, 3], torch.float64)).item<double>().ShouldBe(expected, 1e-14);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_taped_jacobian_of_every_condition_matches_autograd(string name, string? options)
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = SuiteProblems.Create(host, name, options, temp.Path);
        using var network = Networks.Random(problem.InputDimension, [6, 5], "tanh", seed: 3, outputs: problem.OutputDimension);
        using var model = new ResidualModel(problem, network, new Pinn.Operators.TaylorMode.ForwardLaplacian.ForwardLaplacianEngine());
        using var generator = new torch.Generator(5, torch.CPU);
        foreach (var c in problem.Conditions)
            model.SetPoints(c.Name, Points(c, 7, generator));

        TensorAssert.RelativeError(model.Jacobian(), model.ReferenceJacobian()).ShouldBeLessThan(1e-11, $"{name} {options}");
    }
}
