using System.Text.Json;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Problems.Burgers.Burgers;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Problems;

/// <summary>The <c>burgers</c> problem and its Cole–Hopf reference.</summary>
public sealed class BurgersTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly double Nu = 0.01 / Math.PI;

    /// <summary>t ∈ {0.05, 0.1, …, 1} × x ∈ [−1, 1] every 0.025, the shock at x = 0 included.</summary>
    private static IEnumerable<(double T, double X)> Grid()
    {
        for (var i = 1; i <= 20; i++)
        for (var j = 0; j <= 80; j++)
            yield return (i / 20.0, -1 + j / 40.0);
    }

    [Fact]
    public void Doubling_the_quadrature_nodes_shrinks_the_change_down_to_rounding()
    {
        int[] counts = [20, 40, 80, 160];
        var solutions = counts.Select(n => new ColeHopfSolution(Nu, n)).ToArray();
        var points = Grid().ToArray();
        var changes = new double[counts.Length - 1];
        for (var k = 0; k < changes.Length; k++)
            changes[k] = points.Max(p => Math.Abs(solutions[k + 1].Value(p.T, p.X) - solutions[k].Value(p.T, p.X)));

        // Measured: 2.5e-1, 3.1e-5, ~1e-13 (max |u| ≈ 1); the 20-node rule cannot resolve the shock at t → 1.
        changes[1].ShouldBeLessThan(changes[0] * 1e-3);
        changes[2].ShouldBeLessThan(changes[1] * 1e-6);
        changes[2].ShouldBeLessThan(1e-12);
    }

    [Theory]
    [InlineData(0.2, 0.5)]
    [InlineData(0.5, -0.5)]
    [InlineData(0.9, 0.3)]
    [InlineData(0.9, -0.8)]
    [InlineData(0.35, 0.2)]
    [InlineData(1.0, 0.5)]
    public void The_reference_satisfies_the_PDE_by_finite_differences_away_from_the_shock(double t, double x)
    {
        var u = new ColeHopfSolution(Nu, 120);
        const double h = 1e-3;
        // Fourth-order central differences: truncation O(h⁴), rounding ≈ 1e-15/h² in u_xx.
        double Dt() => (-u.Value(t + 2 * h, x) + 8 * u.Value(t + h, x) - 8 * u.Value(t - h, x) + u.Value(t - 2 * h, x)) / (12 * h);
        double Dx() => (-u.Value(t, x + 2 * h) + 8 * u.Value(t, x + h) - 8 * u.Value(t, x - h) + u.Value(t, x - 2 * h)) / (12 * h);
        double Dxx() => (-u.Value(t, x + 2 * h) + 16 * u.Value(t, x + h) - 30 * u.Value(t, x) + 16 * u.Value(t, x - h) - u.Value(t, x - 2 * h)) / (12 * h * h);

        var value = u.Value(t, x);
        var (ut, ux, uxx) = (Dt(), Dx(), Dxx());
        var residual = ut + value * ux - Nu * uxx;
        var scale = Math.Abs(ut) + Math.Abs(value * ux) + Nu * Math.Abs(uxx);
        (Math.Abs(residual) / scale).ShouldBeLessThan(1e-7);
    }

    [Fact]
    public void Initial_values_are_exact_and_boundary_values_vanish_to_rounding()
    {
        var u = new ColeHopfSolution(Nu, 120);
        for (var x = -1.0; x <= 1.0; x += 0.125) u.Value(0, x).ShouldBe(-Math.Sin(Math.PI * x));
        for (var t = 0.05; t <= 1.0; t += 0.05)
        {
            Math.Abs(u.Value(t, -1)).ShouldBeLessThan(1e-14);
            Math.Abs(u.Value(t, 1)).ShouldBeLessThan(1e-14);
        }
    }

    [Fact]
    public void The_steepest_slope_at_the_origin_is_Basdevant_et_al_s_minus_152_00516_at_t_1_6037_over_pi()
    {
        // Basdevant et al. (1986): |∂u/∂x| at x = 0 peaks at t = 1.6037/π with the value 152.00516.
        var u = new ColeHopfSolution(Nu, 120);
        u.Slope(1.6037 / Math.PI, 0).ShouldBe(-152.00516, 5e-6);

        // The analytic slope agrees with a difference quotient of the values, and t = 1.6037/π is where it peaks.
        const double h = 1e-6;
        var t = 1.6037 / Math.PI;
        var quotient = (u.Value(t, h) - u.Value(t, -h)) / (2 * h);
        (Math.Abs(quotient / u.Slope(t, 0) - 1)).ShouldBeLessThan(1e-7);
        u.Slope(t - 1e-3, 0).ShouldBeGreaterThan(u.Slope(t, 0));
        u.Slope(t + 1e-3, 0).ShouldBeGreaterThan(u.Slope(t, 0));
    }

    [Fact]
    public void The_Gauss_Hermite_rule_integrates_every_even_power_up_to_its_degree_including_those_its_outer_weights_carry()
    {
        // ∫ z^{2j} e^{−z²} dz = Γ(j + ½), exact for 2j ≤ 2n − 1. The highest moments draw their mass from the
        // outer nodes (z^78 e^{−z²} peaks at z ≈ 6.2, where the weights are ≈ 1e-17 and below), so they test
        // the small weights to their relative accuracy, which the eigenvector route would not reach.
        var rule = GaussHermiteRule.Create(40);
        var gamma = Math.Sqrt(Math.PI);
        for (var j = 0; j < 40; j++)
        {
            var sum = rule.Nodes.Zip(rule.LogWeights).Sum(p => Math.Pow(p.First, 2 * j) * Math.Exp(p.Second));
            Math.Abs(sum / gamma - 1).ShouldBeLessThan(1e-12, $"moment 2j = {2 * j}");
            gamma *= j + 0.5;
        }
        // One degree beyond, the error is the rule's remainder n!√π/2ⁿ · f^{(2n)}/(2n)! = n!√π/2ⁿ for f = z^{2n}:
        // relative to Γ(n + ½), 2ⁿ (n!)² / (2n)! ≈ 1.02e-11 for n = 40.
        var beyond = rule.Nodes.Zip(rule.LogWeights).Sum(p => Math.Pow(p.First, 80) * Math.Exp(p.Second));
        var remainder = Enumerable.Range(1, 40).Aggregate(1.0, (r, i) => r * 2 * i / (40.0 + i));   // 2ⁿ n! / ((n+1)⋯(2n))
        (1 - beyond / gamma).ShouldBe(remainder, 1e-3 * remainder);
    }

    [Fact]
    public void The_reference_is_cached_on_disk_read_back_from_the_file_and_keyed_by_the_options()
    {
        using var temp = new TemporaryDirectory();
        using var scope = torch.NewDisposeScope();
        var problem = new BurgersProblem(new BurgersOptions(), temp.Path);
        var x = torch.tensor(new[] { 0.5, -0.25, 1.0, 0.0, 0.25, 0.75 }, [3, 2], torch.float64);
        var first = problem.Solution(x);
        first[0, 0].item<double>().ShouldBe(problem.ColeHopf.Value(0.5, -0.25), 1e-15);

        var points = x.data<double>().ToArray();
        var file = new ReferenceCache(temp.Path).PathFor(BurgersProblem.Name, problem.ReferenceKey, points, 2);
        File.Exists(file).ShouldBeTrue();

        // Store other values under the same key: a fresh problem with the same options returns what the file says.
        File.Delete(file);
        new ReferenceCache(temp.Path).GetOrCompute(BurgersProblem.Name, problem.ReferenceKey, points, 2, 1, _ => [123.0, 0, 0]);
        new BurgersProblem(new BurgersOptions(), temp.Path).Solution(x)[0, 0].item<double>().ShouldBe(123.0);

        // Other options, other file: computed afresh.
        var other = new BurgersProblem(new BurgersOptions { QuadratureNodes = 100 }, temp.Path);
        other.ReferenceKey.ShouldNotBe(problem.ReferenceKey);
        other.Solution(x)[0, 0].item<double>().ShouldBe(problem.ColeHopf.Value(0.5, -0.25), 1e-14);
        new BurgersProblem(new BurgersOptions { Viscosity = 0.02 / Math.PI }, temp.Path).ReferenceKey.ShouldNotBe(problem.ReferenceKey);
        Directory.GetFiles(Path.GetDirectoryName(file)!).Length.ShouldBe(2);
    }

    [Theory]
    [InlineData("""{ "viscosity": 0 }""", "viscosity")]
    [InlineData("""{ "viscosity": -0.1 }""", "viscosity")]
    [InlineData("""{ "quadratureNodes": 4 }""", "quadratureNodes")]
    [InlineData("""{ "quadratureNodes": 5000 }""", "quadratureNodes")]
    [InlineData("""{ "reference": "comsol" }""", "reference")]
    [InlineData("""{ "reference": "pinnacle", "viscosity": 0.01 }""", "reference")]
    public void Invalid_options_name_the_field(string json, string field)
    {
        var result = OptionsBinder.Bind(typeof(BurgersOptions), JsonDocument.Parse(json).RootElement);
        result.Options.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void A_short_adam_run_through_the_host_lowers_the_loss()
    {
        using var temp = new TemporaryDirectory();
        var manifest = """
            { "name": "burgers-short", "problem": { "name": "burgers" }, "model": { "hidden": [16, 16] }, "engine": { "name": "forward-laplacian" },
              "sampler": { "name": "lhs", "points": { "interior": 200, "boundary": 20, "initial": 40 } },
              "optimizer": { "name": "adam", "options": { "lr": 0.005 } }, "budget": { "steps": 40 }, "evaluation": { "every": 20, "points": 500 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "burgers-short.json", host.Catalog, temp.Path);
        var run = temp.Combine("run");
        var summary = new TrainingRun(plan, run).Execute(CancellationToken.None, _ => { });

        summary.Steps.ShouldBe(40);
        var firstLoss = MetricsFile.Losses(run)[0];
        summary.Loss.ShouldBeLessThan(0.5 * firstLoss);
        summary.RelL2!.Value.ShouldBeLessThan(2.0);
    }

    [Fact]
    public void The_taped_Jacobian_of_the_nonlinear_residual_matches_autograd()
    {
        using var scope = torch.NewDisposeScope();
        using var temp = new TemporaryDirectory();
        var problem = new BurgersProblem(new BurgersOptions(), temp.Path);
        using var network = Networks.Random(2, [8, 8], "tanh", seed: 3);
        var engine = new Pinn.Operators.TaylorMode.ForwardLaplacian.ForwardLaplacianEngineFactory()
            .Create(new NoOptions(), new Pinn.Abstractions.Derivatives.EngineContext(Pinn.Abstractions.Tensors.TensorSpec.Float64Cpu));
        using var model = new Pinn.Abstractions.Residuals.ResidualModel(problem, network, engine);
        using var g = new torch.Generator(5, torch.CPU);
        foreach (var c in problem.Conditions) model.SetPoints(c.Name, c.Domain.Map(torch.rand([12, c.Domain.SamplingDimension], torch.float64, generator: g)));

        TensorAssert.RelativeError(model.Jacobian(), model.ReferenceJacobian()).ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void PINNacle_s_COMSOL_reference_agrees_with_Cole_Hopf_to_1_3_percent_and_is_worst_beside_the_shock()
    {
        // Measured: L2RE of burgers1d.dat against Cole–Hopf 1.326e-2 over its 1,111 nodes (what a network equal to the
        // exact solution would score in PINNacle's metric); by time slice 3.1e-6 at t = 0 (COMSOL's interpolant of the
        // initial condition), 1.5e-3 at t = 0.1, 9.4e-3 at t = 0.2, 2.2e-2 at t = 0.4 and 1.2e-2 to 1.5e-2 after; the
        // largest difference, 8.8e-2, is at t = 0.4, x = −0.02, the node beside the shock.
        var data = BurgersProblem.ReadPinnacle();
        var exact = new ColeHopfSolution(Nu, 120);
        var difference = new double[data.Count];
        for (var r = 0; r < data.Count; r++) difference[r] = data.Value(r, 0) - exact.Value(data.Point(r, 0), data.Point(r, 1));
        double Relative(IEnumerable<int> rows)
            => Math.Sqrt(rows.Sum(r => difference[r] * difference[r]) / rows.Sum(r => data.Value(r, 0) * data.Value(r, 0)));
        IEnumerable<int> At(double t) => Enumerable.Range(0, data.Count).Where(r => Math.Abs(data.Point(r, 0) - t) < 1e-12);

        Relative(Enumerable.Range(0, data.Count)).ShouldBe(1.326e-2, 0.001e-2);
        Relative(At(0)).ShouldBeLessThan(4e-6);
        Relative(At(0.1)).ShouldBe(1.46e-3, 0.01e-3);
        Relative(At(0.4)).ShouldBe(2.24e-2, 0.01e-2);
        var worst = Enumerable.Range(0, data.Count).MaxBy(r => Math.Abs(difference[r]));
        Math.Abs(difference[worst]).ShouldBe(8.83e-2, 0.01e-2);
        data.Point(worst, 0).ShouldBe(0.4, 1e-12);
        data.Point(worst, 1).ShouldBe(-0.02, 1e-12);
    }
}
