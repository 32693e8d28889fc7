using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Problems.Burgers.SelfSimilarBurgers;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Problems;

/// <summary>The <c>burgers-self-similar</c> problem: its exact profiles, its residuals and its λ.</summary>
public sealed class SelfSimilarBurgersTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static double[] Grid(double from, double to, int count)
        => Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_exact_profile_solves_its_implicit_relation_and_the_ODE_with_lambda_k(int k)
    {
        var profile = new SelfSimilarProfile(k);
        var m = 2 * k + 3;
        var lambda = 1.0 / (2 * k + 2);
        profile.Lambda.ShouldBe(lambda);
        foreach (var x in Grid(-2, 2, 401))
        {
            var u = profile.Value(x);
            Math.Abs(u + Math.Pow(u, m) + x).ShouldBeLessThan(1e-14 * Math.Max(1, Math.Abs(x)), $"X = {x}");
            var slope = -1 / (1 + m * Math.Pow(u, m - 1));           // from d/dX (U + U^m) = −1
            var residual = -lambda * u + ((1 + lambda) * x + u) * slope;
            Math.Abs(residual).ShouldBeLessThan(1e-12, $"X = {x}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void The_exact_profile_takes_the_boundary_values(int k)
    {
        var profile = new SelfSimilarProfile(k);
        profile.Value(-2).ShouldBe(1, 1e-15);
        profile.Value(2).ShouldBe(-1, 1e-15);
        profile.Value(0).ShouldBe(0);
    }

    [Fact]
    public void The_Taylor_derivatives_of_the_profile_match_its_closed_forms_and_difference_quotients()
    {
        // k = 0: U + U³ = −X gives U′ = −1/(1 + 3U²); differentiating U′(1 + 3U²) = −1 once more, U″ = 6U U′³.
        var profile = new SelfSimilarProfile(0);
        foreach (var x in new[] { -1.7, -0.3, 0.0, 0.4, 1.9 })
        {
            var d = profile.Derivatives(x, 6);
            var u = d[0];
            var slope = -1 / (1 + 3 * u * u);
            d[1].ShouldBe(slope, 1e-15);
            d[2].ShouldBe(6 * u * Math.Pow(slope, 3), 1e-14);
            // U^{(6)} against a central difference of U^{(5)}.
            const double h = 1e-5;
            var quotient = (profile.Derivatives(x + h, 5)[5] - profile.Derivatives(x - h, 5)[5]) / (2 * h);
            Math.Abs(quotient - d[6]).ShouldBeLessThan(1e-6 * Math.Max(1, Math.Abs(d[6])), $"X = {x}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Every_residual_of_the_problem_vanishes_on_the_exact_profile_with_lambda_k(int k)
    {
        using var scope = torch.NewDisposeScope();
        var problem = new SelfSimilarBurgersProblem(new SelfSimilarBurgersOptions { Profile = k });
        var parameters = LambdaParameters(problem, problem.ExactLambda);
        foreach (var condition in problem.Conditions)
        {
            var x = condition.Name switch
            {
                "interior" => Grid(-2, 2, 301),
                "boundary" => [-2.0, 2.0],
                _ => Grid(-0.075, 0.075, 31),
            };
            var residual = condition.Residual(Inputs(problem.Profile, condition.Request, x, parameters));
            residual.shape[0].ShouldBe(x.Length);
            if (condition.Name == "interior") residual.shape.ShouldBe([x.Length, 2]);
            residual.abs().max().item<double>().ShouldBeLessThan(1e-10, condition.Name);
        }
    }

    [Fact]
    public void The_smoothness_residual_tells_lambda_k_from_a_nearby_exponent()
    {
        // The interior residuals alone are satisfied by the exact profile only at λ_k; the smoothness one at a
        // wrong λ is far from zero (the check above could not fail if the residuals ignored λ).
        using var scope = torch.NewDisposeScope();
        var problem = new SelfSimilarBurgersProblem(new SelfSimilarBurgersOptions());
        var parameters = LambdaParameters(problem, problem.ExactLambda + 0.01);
        var smoothness = problem.Conditions.Single(c => c.Name == "smoothness");
        var residual = smoothness.Residual(Inputs(problem.Profile, smoothness.Request, Grid(-0.075, 0.075, 31), parameters));
        residual.abs().max().item<double>().ShouldBeGreaterThan(1e-2);
    }

    [Fact]
    public void Lambda_stays_inside_its_interval_for_every_value_of_the_trainable_scalar()
    {
        foreach (var k in new[] { 0, 1, 4 })
        {
            var problem = new SelfSimilarBurgersProblem(new SelfSimilarBurgersOptions { Profile = k });
            var (lo, hi) = (problem.LambdaBounds.Lower, problem.LambdaBounds.Upper);
            lo.ShouldBe(1.0 / (2 * k + 3));
            hi.ShouldBe(1.0 / (2 * k + 1));
            // Strictly inside while sigmoid(s) is representable away from 0 and 1; never outside.
            foreach (var s in new[] { -30.0, -5, -0.5, 0, 0.5, 5, 30 })
            {
                var lambda = problem.LambdaBounds.Lambda(s);
                lambda.ShouldBeGreaterThan(lo);
                lambda.ShouldBeLessThan(hi);
                problem.LambdaBounds.Logit(lambda).ShouldBe(s, 1e-9 * Math.Max(1, Math.Abs(s)) * Math.Exp(Math.Abs(s) / 2));
            }
            foreach (var s in new[] { -1e6, 1e6 })
            {
                problem.LambdaBounds.Lambda(s).ShouldBeInRange(lo, hi);
                using var scope = torch.NewDisposeScope();
                problem.LambdaBounds.Lambda(torch.tensor(new[] { s }, torch.float64)).item<double>().ShouldBeInRange(lo, hi);
            }
            // Training starts mid-interval unless told otherwise.
            problem.LambdaBounds.Lambda(problem.Parameters.Single().Initial.Single()).ShouldBe(0.5 * (lo + hi), 1e-15);
        }
        var started = new SelfSimilarBurgersProblem(new SelfSimilarBurgersOptions { InitialLambda = 0.45 });
        started.LambdaBounds.Lambda(started.Parameters.Single().Initial.Single()).ShouldBe(0.45, 1e-15);
    }

    [Theory]
    [InlineData("""{ "profile": -1 }""", "profile")]
    [InlineData("""{ "profile": 9 }""", "profile")]
    [InlineData("""{ "initialLambda": 0.25 }""", "initialLambda")]
    [InlineData("""{ "profile": 1, "initialLambda": 0.34 }""", "initialLambda")]
    public void Invalid_options_name_the_field(string json, string field)
    {
        var result = OptionsBinder.Bind(typeof(SelfSimilarBurgersOptions), JsonDocument.Parse(json).RootElement);
        result.Options.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void An_engine_configured_below_order_2k_plus_4_is_refused_by_validation()
    {
        using var temp = new TemporaryDirectory();
        var e = Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest(profile: 1, maxOrder: 5, steps: 1), "ss.json", host.Catalog, temp.Path));
        e.Errors.ShouldHaveSingleItem().Message.ShouldContain("smoothness");
        e.Errors.Single().Message.ShouldContain("u_x0x0x0x0x0x0");
        ManifestValidator.ValidateText(Manifest(profile: 1, maxOrder: 6, steps: 1), "ss.json", host.Catalog, temp.Path).ShouldNotBeNull();
    }

    [Fact]
    public void A_short_adam_run_through_the_host_lowers_the_loss()
    {
        using var temp = new TemporaryDirectory();
        var plan = ManifestValidator.ValidateText(Manifest(profile: 0, maxOrder: 4, steps: 30), "ss.json", host.Catalog, temp.Path);
        var run = temp.Combine("run");
        var summary = new TrainingRun(plan, run).Execute(CancellationToken.None, _ => { });

        summary.Steps.ShouldBe(30);
        var firstLoss = MetricsFile.Losses(run)[0];
        summary.Loss.ShouldBeLessThan(0.5 * firstLoss);
    }

    private static string Manifest(int profile, int maxOrder, int steps) => $$"""
        { "name": "ss-short", "problem": { "name": "burgers-self-similar", "options": { "profile": {{profile}} } }, "model": { "hidden": [12, 12] },
          "engine": { "name": "n-tangentprop", "options": { "maxOrder": {{maxOrder}} } },
          "sampler": { "name": "lhs", "points": { "interior": 61, "smoothness": 11 } },
          "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "steps": {{steps}} }, "evaluation": { "every": 10, "points": 200 } }
        """;

    private static Dictionary<string, torch.Tensor> LambdaParameters(SelfSimilarBurgersProblem problem, double lambda)
        => new() { [SelfSimilarBurgersProblem.LambdaParameter] = torch.tensor(new[] { problem.LambdaBounds.Logit(lambda) }, torch.float64) };

    /// <summary>The condition's inputs with the exact U^{(n)} at X, from the profile's Taylor coefficients.</summary>
    private static ResidualInputs Inputs(SelfSimilarProfile profile, DerivativeRequest request, double[] x, Dictionary<string, torch.Tensor> parameters)
    {
        var keys = request.Keys.Cast<PartialDerivative>().ToArray();
        var order = keys.Max(p => p.Order);
        var derivatives = x.Select(v => profile.Derivatives(v, order)).ToArray();
        var values = keys.ToDictionary(k => (DerivativeKey)k,
            k => torch.tensor(derivatives.Select(d => d[k.Order]).ToArray(), [x.Length, 1], torch.float64));
        return new ResidualInputs(torch.tensor(x, [x.Length, 1], torch.float64), new Derivatives(values), parameters);
    }
}
