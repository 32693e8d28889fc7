using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Optimizers.NaturalGradient.Kfac;
using Pinn.Problems.Poisson.Poisson2d;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>KFAC's pieces against dense linear algebra and the formulas of Dangel, Müller &amp; Zeinhofer (2024).</summary>
public sealed class KfacTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>u − sin(x₀ + x₁) at points of the unit square: a squared-loss (regression) condition.</summary>
    private sealed class Regression : PdeProblem
    {
        public Regression() : base(["x", "y"], Box.Unit(2))
            => Conditions = [new Condition("data", Box.Unit(2), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - Solution(i.Points))];

        public override torch.Tensor Solution(torch.Tensor x) => x.sum([1L], keepdim: true).sin();
    }

    /// <summary><see cref="Regression"/> with a target scale the test can change between steps.</summary>
    private sealed class ScaledRegression : PdeProblem
    {
        public double Scale { get; set; } = 1;

        public ScaledRegression() : base(["x", "y"], Box.Unit(2))
            => Conditions = [new Condition("data", Box.Unit(2), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - Scale * Solution(i.Points))];

        public override torch.Tensor Solution(torch.Tensor x) => x.sum([1L], keepdim: true).sin();
    }

    private static torch.Tensor Spd(int n, torch.Generator g, double shift)
    {
        var m = torch.randn([n, n], torch.float64, generator: g);
        return m.matmul(m.t()) + shift * torch.eye(n, dtype: torch.float64);
    }

    /// <summary>B ⊗ A in the row-major layout of a weight [h_out, h_in]: M[(i,j),(k,l)] = B[i,k] A[j,l].</summary>
    private static torch.Tensor Kron(torch.Tensor b, torch.Tensor a)
        => torch.einsum("ik,jl->ijkl", b, a).reshape(b.shape[0] * a.shape[0], b.shape[0] * a.shape[0]);

    private static ResidualModel Model(IProblem problem, int[] hidden, int points, ulong seed, out Abstractions.Models.Mlp network)
    {
        network = Networks.Random(2, hidden, "tanh", seed);
        var model = new ResidualModel(problem, network, new ForwardLaplacianEngine());
        using var g = new torch.Generator(seed + 1, torch.CPU);
        foreach (var c in problem.Conditions)
            model.SetPoints(c.Name, c.Domain.Map(torch.rand([points, c.Domain.SamplingDimension], torch.float64, generator: g)));
        return model;
    }

    [Fact]
    public void The_inverse_of_a_sum_of_two_damped_kronecker_products_matches_a_dense_solve()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(11, torch.CPU);
        var (a1, b1) = (Spd(5, g, 0.1), Spd(3, g, 0.1));
        var (a2, b2) = (Spd(5, g, 0), Spd(3, g, 0));
        var v = torch.randn([3, 5], torch.float64, generator: g);
        using var inverse = KroneckerSumInverse.Of(a1, b1, a2, b2);

        var expected = torch.linalg.solve(Kron(b1, a1) + Kron(b2, a2), v.reshape(-1));

        TensorAssert.RelativeError(inverse.Apply(v).reshape(-1), expected).ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void A_single_kronecker_product_is_inverted_factor_by_factor()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(12, torch.CPU);
        var (a, b) = (Spd(4, g, 0.5), Spd(2, g, 0.5));
        var v = torch.randn([2, 4], torch.float64, generator: g);
        using var inverse = KroneckerSumInverse.Of(a, b, null, null);

        TensorAssert.RelativeError(inverse.Apply(v), torch.linalg.solve(b, v).matmul(torch.linalg.inv(a))).ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void On_a_single_linear_layer_with_a_regression_condition_the_kfac_block_is_the_exact_gramian()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new Regression(), [], points: 40, seed: 3, out var network);
        using var _ = network;
        using var linearization = (ITapedLinearization)model.Linearize();
        var factors = KroneckerFactors.Compute(linearization, KroneckerFactors.Groups(linearization.Conditions));

        var j = linearization.Dense();                                  // [40, 3]: W (1 × 2) then b
        var gramian = j.t().matmul(j);
        factors.Length.ShouldBe(1);
        TensorAssert.RelativeError(Kron(factors[0][0].B, factors[0][0].A), gramian).ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void For_a_laplacian_condition_the_factors_are_the_kfac_expand_sums_over_points_and_columns()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new Poisson2dProblem(), [5], points: 6, seed: 4, out var network);
        using var _ = network;
        using var linearization = (ITapedLinearization)model.Linearize();
        var groups = KroneckerFactors.Groups(linearization.Conditions);
        groups.ShouldBe([0, 1]);                                         // interior: 4 columns; boundary: 1
        var factors = KroneckerFactors.Compute(linearization, groups);

        for (var l = 0; l < 2; l++)
        for (var c = 0; c < 2; c++)
        {
            var layer = linearization.Conditions[c].Layers[l];
            var z = layer.Inputs.data<double>().ToArray();
            var gradient = layer.Gradients.Single().data<double>().ToArray();
            var (n, s, hIn) = ((int)layer.Inputs.shape[0], (int)layer.Inputs.shape[1], (int)layer.Inputs.shape[2]);
            var hOut = (int)layer.Gradients[0].shape[2];
            var a = new double[hIn + 1, hIn + 1];
            var b = new double[hOut, hOut];
            for (var p = 0; p < n; p++)
            for (var col = 0; col < s; col++)
            {
                double Z(int i) => i < hIn ? z[(p * s + col) * hIn + i] : col == layer.BiasColumn ? 1 : 0;
                for (var i = 0; i <= hIn; i++)
                for (var k = 0; k <= hIn; k++) a[i, k] += Z(i) * Z(k) / (n * s);
                for (var i = 0; i < hOut; i++)
                for (var k = 0; k < hOut; k++) b[i, k] += gradient[(p * s + col) * hOut + i] * gradient[(p * s + col) * hOut + k];
            }
            TensorAssert.RelativeError(factors[l][c].A, torch.tensor(a)).ShouldBeLessThan(1e-12);
            TensorAssert.RelativeError(factors[l][c].B, torch.tensor(b)).ShouldBeLessThan(1e-12);
        }
    }

    [Fact]
    public void Kfac_star_alpha_and_mu_minimise_the_quadratic_model_of_the_dense_damped_gramian()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(new Poisson2dProblem(), [6], points: 10, seed: 5, out var network);
        using var _ = network;
        using var linearization = model.Linearize();
        using var g = new torch.Generator(6, torch.CPU);
        const double damping = 1e-3;
        var gradient = linearization.TransposeTimes(linearization.Residuals);
        var direction = torch.randn(gradient.shape[0], torch.float64, generator: g);
        var previous = torch.randn(gradient.shape[0], torch.float64, generator: g);

        var (alpha, mu) = QuadraticModel.Minimise(linearization, gradient, direction, previous, damping);

        var j = linearization.Dense();
        var gramian = j.t().matmul(j) + damping * torch.eye(j.shape[1], dtype: torch.float64);
        var basis = torch.stack([direction, previous], 1);               // [D, 2]
        var system = basis.t().matmul(gramian).matmul(basis);
        var expected = torch.linalg.solve(system, -basis.t().matmul(gradient));
        alpha.ShouldBe(expected[0].item<double>(), 1e-9 * Math.Abs(expected[0].item<double>()));
        mu.ShouldBe(expected[1].item<double>(), 1e-9 * Math.Abs(expected[1].item<double>()) + 1e-15);
        double M(double a, double m)
        {
            var d = a * direction + m * previous;
            return 0.5 * d.dot(gramian.matmul(d)).item<double>() + gradient.dot(d).item<double>();
        }
        foreach (var (da, dm) in new[] { (1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3) })
            M(alpha + da * Math.Abs(alpha), mu + dm * Math.Max(Math.Abs(mu), 1e-6)).ShouldBeGreaterThan(M(alpha, mu));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kfac_star_undoes_a_step_that_raised_the_loss_above_revert_above_times_unless_the_points_changed(bool newPoints)
    {
        using var scope = torch.NewDisposeScope();
        var problem = new ScaledRegression();
        using var model = Model(problem, [6], points: 20, seed: 9, out var network);
        using var _ = network;
        using var optimizer = new KfacStarOptimizer(new KfacStarOptions { Damping = 1e-6 }, new OptimizerContext(TensorSpec.Float64Cpu, model.ParameterCount));
        var before = model.GetParameters();
        optimizer.Step(model).StepSize.ShouldBeGreaterThan(0);
        var after = model.GetParameters();
        TensorAssert.RelativeError(after, before).ShouldBeGreaterThan(1e-6);

        problem.Scale = 1e3;                                  // the loss at the new point jumps by about 10⁶
        if (newPoints) model.SetPoints("data", model.Points("data").flip(0));   // as after a resampling
        var report = optimizer.Step(model);

        if (newPoints)
        {
            report.Diagnostics.ContainsKey("reverted").ShouldBeFalse();
            report.StepSize.ShouldBeGreaterThan(0);
            TensorAssert.RelativeError(model.GetParameters(), after).ShouldBeGreaterThan(1e-6);
            return;
        }
        report.Diagnostics["reverted"].ShouldBe(1);
        report.Diagnostics["scale"].ShouldBe(0.5);
        report.StopReason.ShouldBeNull();
        TensorAssert.RelativeError(model.GetParameters(), before).ShouldBeLessThan(1e-14);
        var next = optimizer.Step(model);                     // judged by the step after it, not refused
        next.Diagnostics.ContainsKey("reverted").ShouldBeFalse();
        next.Diagnostics["scale"].ShouldBe(0.5);
        next.StepSize.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("kfac")]
    [InlineData("kfac-star")]
    public void A_short_run_lowers_poisson2d_relative_L2_below_1e_3(string optimizer)
    {
        // 2→64→1 on 900 + 120 points, as in the paper's smallest run: below 1e-3 after about 350 (kfac) and 270 (kfac-star) steps.
        var summary = ShortRun.Poisson2d(host, $$"""{ "name": "{{optimizer}}" }""", """{ "steps": 500 }""");
        summary.RelL2!.Value.ShouldBeLessThan(1e-3);
    }

    [Theory]
    [InlineData("kfac", """{ "ema": 1 }""", "ema")]
    [InlineData("kfac", """{ "damping": 0 }""", "damping")]
    [InlineData("kfac", """{ "momentum": -0.1 }""", "momentum")]
    [InlineData("kfac", """{ "refreshEvery": 0 }""", "refreshEvery")]
    [InlineData("kfac", """{ "factorInit": "ones" }""", "factorInit")]
    [InlineData("kfac-star", """{ "ema": -0.5 }""", "ema")]
    [InlineData("kfac-star", """{ "momentum": 0.5 }""", "momentum")]
    [InlineData("kfac-star", """{ "revertAbove": 1 }""", "revertAbove")]
    public void Invalid_options_are_refused_naming_the_field(string optimizer, string options, string field)
    {
        var factory = host.Catalog.Find(Abstractions.Plugins.PluginKind.Optimizer, optimizer).Single().Factory;
        using var document = JsonDocument.Parse(options);
        factory.ParseOptions(document.RootElement.Clone()).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void An_engine_without_tapes_is_refused_with_a_clear_error()
    {
        using var scope = torch.NewDisposeScope();
        using var network = Networks.Random(2, [4], "tanh", 7);
        using var model = new ResidualModel(new Poisson2dProblem(), network, new Pinn.Operators.Autodiff.AutodiffEngine());
        using var g = new torch.Generator(8, torch.CPU);
        foreach (var c in model.Problem.Conditions)
            model.SetPoints(c.Name, c.Domain.Map(torch.rand([8, c.Domain.SamplingDimension], torch.float64, generator: g)));
        var error = Should.Throw<InvalidOperationException>(() => KfacLinearization.Of(model));
        error.Message.ShouldContain("forward-laplacian");
    }

    [Theory]
    [InlineData("kfac")]
    [InlineData("kfac-star")]
    public void Kfac_trains_through_n_tangentprop_tapes_with_a_trainable_problem_parameter(string optimizer)
    {
        using var temp = new TemporaryDirectory();
        var manifest = $$"""
            { "name": "kfac-self-similar", "problem": { "name": "burgers-self-similar" },
              "model": { "hidden": [8, 8] }, "engine": { "name": "n-tangentprop", "options": { "maxOrder": 4 } },
              "sampler": { "name": "lhs", "points": { "interior": 60, "boundary": 2, "smoothness": 10 } },
              "optimizer": { "name": "{{optimizer}}", "options": { "damping": 1e-6 } }, "budget": { "steps": 30 },
              "evaluation": { "every": 10, "points": 200 } }
            """;
        var plan = Pinn.Host.Manifests.ManifestValidator.ValidateText(manifest, "kfac.json", host.Catalog, temp.Path);
        var summary = new Pinn.Host.Training.TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });

        var losses = MetricsFile.Losses(temp.Combine("run"));
        summary.Steps.ShouldBe(30);
        summary.Loss.ShouldBeLessThan(0.5 * losses[0]);
        summary.Problem!["lambda"].ShouldBeInRange(1.0 / 3, 1.0);
    }
}
