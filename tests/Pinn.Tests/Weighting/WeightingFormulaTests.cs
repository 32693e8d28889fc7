using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Weighting;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Problems.Poisson.Poisson2d;
using Pinn.Weighting.Standard.Causal;
using Pinn.Weighting.Standard.GradNorm;
using Pinn.Weighting.Standard.Ntk;
using Pinn.Weighting.Standard.Relobralo;
using Pinn.Weighting.Standard.SoftAdapt;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Weighting;

/// <summary>Each weighting scheme against its defining formula on a case computed by hand.</summary>
public sealed class WeightingFormulaTests
{
    private static ILossWeighting Create(IWeightingFactory factory, string options, IProblem? problem = null, long seed = 0)
    {
        var parsed = factory.ParseOptions(JsonDocument.Parse(options).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return factory.Create(parsed.Options!, new WeightingSetup(TensorSpec.Float64Cpu, problem ?? new Poisson2dProblem(), seed));
    }

    [Fact]
    public void Grad_norm_moves_each_multiplier_towards_max_residual_gradient_over_mean_condition_gradient()
    {
        var weighting = Create(new GradNormWeightingFactory(), """{ "alpha": 0.9, "every": 10 }""");
        var context = new GivenWeightingContext(20, "interior", "boundary")
        {
            Gradients = { ["interior"] = [1.0, -3.0, 2.0], ["boundary"] = [0.5, -1.0, 1.5] },
            Lambda = { ["interior"] = 1.0, ["boundary"] = 2.0 },
        };
        // λ̂ = max|∇L_r| / mean|∇L_b| = 3 / 1 = 3; λ = 0.9·2 + 0.1·3 = 2.1; the anchor's multiplier is not touched.
        var update = weighting.Update(context).ShouldNotBeNull();
        update.Multipliers!.Keys.ShouldBe(["boundary"]);
        update.Multipliers["boundary"].ShouldBe(2.1, 1e-15);
        weighting.Update(new GivenWeightingContext(25, "interior", "boundary")).ShouldBeNull();
    }

    [Fact]
    public void Grad_norm_anchors_on_the_condition_named()
    {
        var weighting = Create(new GradNormWeightingFactory(), """{ "alpha": 0, "anchor": "boundary" }""");
        var context = new GivenWeightingContext(0, "interior", "boundary")
        {
            Gradients = { ["interior"] = [4.0, -4.0], ["boundary"] = [0.5, -1.0] },
        };
        weighting.Update(context)!.Multipliers!["interior"].ShouldBe(0.25, 1e-15);   // 1 / 4
        Should.Throw<ArgumentException>(() => Create(new GradNormWeightingFactory(), """{ "anchor": "lid" }"""))
              .Message.ShouldBe("anchor: the problem has no condition 'lid' (its conditions: interior, boundary)");
    }

    [Fact]
    public void Ntk_weights_each_condition_by_the_total_trace_over_its_own()
    {
        var weighting = Create(new NtkWeightingFactory(), """{ "every": 100, "maxPoints": 64 }""");
        var context = new GivenWeightingContext(300, "interior", "boundary", "initial")
        {
            Traces = { ["interior"] = 6.0, ["boundary"] = 2.0, ["initial"] = 4.0 },
        };
        var update = weighting.Update(context)!;
        update.Multipliers!["interior"].ShouldBe(2.0, 1e-15);
        update.Multipliers["boundary"].ShouldBe(6.0, 1e-15);
        update.Multipliers["initial"].ShouldBe(3.0, 1e-15);
        context.Asked.ShouldContain("trace interior 64");
        weighting.Update(new GivenWeightingContext(301, "interior")).ShouldBeNull();
    }

    [Theory]
    [InlineData(1.0)]   // ρ = 1 always: the history term keeps the previous multipliers
    [InlineData(0.0)]   // ρ = 0 always: it looks back to the first update
    public void Relobralo_balances_loss_ratios_against_the_previous_and_the_first_update(double saudade)
    {
        var weighting = Create(new RelobraloWeightingFactory(), $$"""{ "alpha": 0.5, "saudade": {{saudade}}, "temperature": 0.1 }""");
        GivenWeightingContext At(long step, double interior, double boundary) => new(step, "interior", "boundary")
        {
            Losses = { ["interior"] = interior, ["boundary"] = boundary },
            Lambda = { ["interior"] = 1.5, ["boundary"] = 0.5 },
        };
        weighting.Update(At(0, 1.0, 2.0)).ShouldBeNull();   // remembers L(0)
        weighting.Update(At(1, 0.5, 1.0)).ShouldNotBeNull(); // remembers L(1)
        var update = weighting.Update(At(2, 0.25, 0.9))!;

        // Against L(1) = (0.5, 1.0): exponents 0.25/(0.1·0.5) = 5 and 0.9/(0.1·1.0) = 9; against L(0) = (1, 2): 2.5 and 4.5.
        double[] previous = [2 / (1 + Math.Exp(4)), 2 * Math.Exp(4) / (1 + Math.Exp(4))];
        double[] first = [2 / (1 + Math.Exp(2)), 2 * Math.Exp(2) / (1 + Math.Exp(2))];
        double[] lambda = [1.5, 0.5];
        for (var c = 0; c < 2; c++)
        {
            var history = saudade == 1 ? lambda[c] : first[c];
            update.Multipliers![c == 0 ? "interior" : "boundary"].ShouldBe(0.5 * history + 0.5 * previous[c], 1e-14);
        }
    }

    [Fact]
    public void Relobralo_resumed_from_its_state_continues_as_if_never_stopped()
    {
        var losses = new[] { (1.0, 2.0), (0.5, 1.0), (0.25, 0.9), (0.2, 0.3) };
        GivenWeightingContext At(int step) => new(step, "interior", "boundary") { Losses = { ["interior"] = losses[step].Item1, ["boundary"] = losses[step].Item2 } };
        var whole = Create(new RelobraloWeightingFactory(), "{}", seed: 7);
        var split = Create(new RelobraloWeightingFactory(), "{}", seed: 7);
        for (var step = 0; step < 2; step++)
        {
            whole.Update(At(step));
            split.Update(At(step));
        }
        var resumed = Create(new RelobraloWeightingFactory(), "{}", seed: 7);
        resumed.LoadStateDict(split.StateDict());
        for (var step = 2; step < 4; step++)
            resumed.Update(At(step))!.Multipliers.ShouldBe(whole.Update(At(step))!.Multipliers);
        RelobraloWeighting.Uniform(7, 3).ShouldBe(RelobraloWeighting.Uniform(7, 3));
        RelobraloWeighting.Uniform(7, 3).ShouldNotBe(RelobraloWeighting.Uniform(7, 4));
    }

    [Fact]
    public void Relobralo_draws_rho_with_the_probability_asked_for()
    {
        var draws = Enumerable.Range(0, 20000).Select(step => RelobraloWeighting.Uniform(11, step)).ToArray();
        draws.Count(u => u < 0.9).ShouldBeInRange(18000 - 200, 18000 + 200);   // ± 4.7 standard deviations
        draws.ShouldAllBe(u => u >= 0 && u < 1);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Softadapt_is_a_softmax_of_the_rates_of_change_scaled_to_the_number_of_conditions(bool normalized, bool lossWeighted)
    {
        var weighting = Create(new SoftAdaptWeightingFactory(), $$"""{ "beta": 0.1, "every": 10, "normalized": {{(normalized ? "true" : "false")}}, "lossWeighted": {{(lossWeighted ? "true" : "false")}} }""");
        GivenWeightingContext At(long step, double interior, double boundary) => new(step, "interior", "boundary")
        {
            Losses = { ["interior"] = interior, ["boundary"] = boundary },
        };
        weighting.Update(At(0, 1.0, 2.0)).ShouldBeNull();
        weighting.Update(At(5, 9.0, 9.0)).ShouldBeNull();   // not due
        var update = weighting.Update(At(10, 0.5, 1.9))!;
        double[] s = normalized ? [-0.5 / 0.6, -0.1 / 0.6] : [-0.5, -0.1];
        double[] f = lossWeighted ? [0.5, 1.9] : [1, 1];
        var t = new[] { f[0] * Math.Exp(0.1 * s[0]), f[1] * Math.Exp(0.1 * s[1]) };
        update.Multipliers!["interior"].ShouldBe(2 * t[0] / (t[0] + t[1]), 1e-14);
        update.Multipliers["boundary"].ShouldBe(2 * t[1] / (t[0] + t[1]), 1e-14);
    }

    [Fact]
    public void Causal_weights_each_time_slice_by_the_exponential_of_the_losses_before_it()
    {
        var weighting = Create(new CausalWeightingFactory(), """{ "epsilon": 0.5, "slices": 2, "every": 3 }""", new Heat1dProblem(new Heat1dOptions()));
        var heat = new Heat1dProblem(new Heat1dOptions());
        var context = new GivenWeightingContext(3) { Conditions = heat.Conditions };
        // t ∈ [0, 1] in two slices: t = 0.1, 0.2 in the first (mean square 2), 0.6, 1.0 in the second (mean 6).
        context.PointsOf["interior"] = new[,] { { 0.1, 0.5 }, { 0.6, 0.5 }, { 0.2, 0.5 }, { 1.0, 0.5 } };
        context.Squares["interior"] = [1.0, 5.0, 3.0, 7.0];
        var weights = weighting.Update(context)!.PointWeights!["interior"].data<double>().ToArray();
        weights.ShouldBe([1.0, Math.Exp(-0.5 * 2), 1.0, Math.Exp(-0.5 * 2)], tolerance: 1e-15);
        weighting.Update(new GivenWeightingContext(4) { Conditions = heat.Conditions }).ShouldBeNull();
    }

    [Fact]
    public void Causal_weights_are_set_again_when_the_points_change_even_between_updates()
    {
        var weighting = Create(new CausalWeightingFactory(), """{ "slices": 4, "every": 100 }""", new Heat1dProblem(new Heat1dOptions()));
        var context = new GivenWeightingContext(7) { Conditions = new Heat1dProblem(new Heat1dOptions()).Conditions, PointsChanged = true };
        context.PointsOf["interior"] = new[,] { { 0.9, 0.1 } };
        context.Squares["interior"] = [2.0];
        weighting.Update(context)!.PointWeights!["interior"].data<double>().ToArray().ShouldBe([1.0]);   // nothing before its slice
    }

    [Fact]
    public void Causal_slice_weights_of_empty_slices_add_nothing()
    {
        using var slice = torch.tensor(new long[] { 0, 0, 2 });
        using var squares = torch.tensor(new[] { 2.0, 4.0, 8.0 });
        using var w = CausalWeighting.SliceWeights(slice, squares, 4, 1.0, torch.float64);
        w.data<double>().ToArray().ShouldBe([1.0, Math.Exp(-3), Math.Exp(-3), Math.Exp(-11)], tolerance: 1e-15);
    }

    [Fact]
    public void Causal_weighting_refuses_a_problem_without_time_and_a_condition_that_is_not_time_dependent()
    {
        var factory = new CausalWeightingFactory();
        var options = factory.ParseOptions(null).Options!;
        Should.Throw<ArgumentException>(() => factory.Create(options, new WeightingSetup(TensorSpec.Float64Cpu, new Poisson2dProblem(), 0)))
              .Message.ShouldBe("causal weights need a time-dependent condition (a space-time domain), and none of the problem's conditions (interior, boundary) has one");
        var initial = factory.ParseOptions(JsonDocument.Parse("""{ "condition": "initial" }""").RootElement).Options!;
        Should.Throw<ArgumentException>(() => factory.Create(initial, new WeightingSetup(TensorSpec.Float64Cpu, new Heat1dProblem(new Heat1dOptions()), 0)))
              .Message.ShouldContain("condition: 'initial' is not time-dependent");
    }

    [Theory]
    [InlineData("grad-norm", """{ "alpha": 1 }""", "alpha")]
    [InlineData("grad-norm", """{ "every": 0 }""", "every")]
    [InlineData("ntk", """{ "maxPoints": 0 }""", "maxPoints")]
    [InlineData("relobralo", """{ "temperature": 0 }""", "temperature")]
    [InlineData("relobralo", """{ "saudade": 1.5 }""", "saudade")]
    [InlineData("softadapt", """{ "every": -1 }""", "every")]
    [InlineData("causal", """{ "slices": 1 }""", "slices")]
    [InlineData("causal", """{ "epsilon": -1 }""", "epsilon")]
    public void Options_out_of_range_are_refused_naming_the_field(string name, string options, string field)
    {
        IPluginFactory factory = name switch
        {
            "grad-norm" => new GradNormWeightingFactory(),
            "ntk" => new NtkWeightingFactory(),
            "relobralo" => new RelobraloWeightingFactory(),
            "softadapt" => new SoftAdaptWeightingFactory(),
            _ => new CausalWeightingFactory(),
        };
        factory.ParseOptions(JsonDocument.Parse(options).RootElement).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }
}
