using System.Text.Json;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.Rad;
using Pinn.Samplers.Standard.RarD;
using Pinn.Samplers.Standard.ResidualAdaptive;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Samplers;

/// <summary>
/// <c>rad</c> and <c>rar-d</c> against a planted residual |r(x)| = exp(−‖x − x₀‖²/σ²) + δ on the unit square:
/// the share of points within R of x₀ matches the share of the density p ∝ |r|ᵏ/E[|r|ᵏ] + c there (a
/// midpoint-rule reference on a 1000² grid), far above the disk's area share for the defaults and equal to it
/// as c grows; points stay in their domain; the seed fixes them; option errors name the field.
/// </summary>
public sealed class AdaptiveSamplerTests
{
    private const double Sigma = 0.05, Delta = 1e-3, Radius = 2 * Sigma;
    private static readonly double[] Centre = [0.3, 0.7];
    private static readonly TensorSpec Spec = TensorSpec.Float64Cpu;

    /// <summary>The planted |r| at x [N, d] (the first two coordinates around <see cref="Centre"/>).</summary>
    private static torch.Tensor Planted(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var centre = torch.tensor(Centre, torch.float64);
        var d2 = (x[.., ..2] - centre).square().sum([1L]);
        return ((-d2 / (Sigma * Sigma)).exp() + Delta).MoveToOuterDisposeScope();
    }

    private static double ShareNearCentre(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var centre = torch.tensor(Centre, torch.float64);
        return (x[.., ..2] - centre).square().sum([1L]).lt(Radius * Radius).to_type(torch.float64).mean().item<double>();
    }

    /// <summary>∫_{‖x−x₀‖&lt;R} p / ∫ p over the unit square by the midpoint rule on a 1000 × 1000 grid.</summary>
    private static double ReferenceShare(double k, double c)
    {
        using var scope = torch.NewDisposeScope();
        const int n = 1000;
        var t = (torch.arange(n, torch.float64) + 0.5) / n;
        var grid = torch.stack(torch.meshgrid([t, t], indexing: "ij").Select(g => g.reshape(-1)).ToArray(), 1);
        var powered = Planted(grid).pow(k);
        var p = powered / powered.mean() + c;
        var centre = torch.tensor(Centre, torch.float64);
        var inside = (grid - centre).square().sum([1L]).lt(Radius * Radius).to_type(torch.float64);
        return ((p * inside).sum() / p.sum()).item<double>();
    }

    private static RadSampler Rad(double k = 1, double c = 1, int candidates = 100_000, string baseSampler = "uniform")
        => new(new RadOptions { K = k, C = c, Candidates = candidates, BaseSampler = baseSampler }, Spec);

    [Fact]
    public void Rad_defaults_are_k_1_and_c_1_and_rar_d_defaults_are_k_2_and_c_0()
    {
        var rad = new RadOptions();
        (rad.K, rad.C, rad.BaseSampler, rad.Candidates).ShouldBe((1.0, 1.0, "uniform", 10_000));
        var rarD = new RarDOptions();
        (rarD.K, rarD.C, rarD.BaseSampler, rarD.Candidates, rarD.PointsAdded).ShouldBe((2.0, 0.0, "uniform", 10_000, 10));
    }

    [Fact]
    public void Rad_concentrates_points_where_the_planted_residual_is_large()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(5, torch.CPU);
        const int n = 400;
        var current = torch.rand([n, 2], torch.float64, generator: g);

        var x = Rad().Resample(Box.Unit(2), n, current, Planted, g);

        x.shape.ShouldBe([n, 2]);
        var area = Math.PI * Radius * Radius;
        var share = ShareNearCentre(x);
        share.ShouldBeGreaterThan(10 * area);                               // 0.031 of the area, ~0.45 of the points
        var expected = ReferenceShare(1, 1);
        share.ShouldBe(expected, 4 * Math.Sqrt(expected * (1 - expected) / n));   // four binomial standard deviations
    }

    [Theory]
    [InlineData(2, 0)]       // sharp: nearly every point within 2σ
    [InlineData(1, 10)]      // flatter
    [InlineData(0, 0)]       // k = 0: uniform
    [InlineData(1, 1e6)]     // c → ∞: uniform
    public void Rad_draws_points_with_probability_proportional_to_the_density(double k, double c)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(7, torch.CPU);
        const int n = 2000;

        var x = Rad(k, c, candidates: 200_000).Resample(Box.Unit(2), n, torch.zeros(1, 2, torch.float64), Planted, g);

        var expected = ReferenceShare(k, c);
        ShareNearCentre(x).ShouldBe(expected, 4 * Math.Sqrt(expected * (1 - expected) / n) + 1e-3);
    }

    [Fact]
    public void Rar_d_keeps_the_old_points_and_adds_m_where_the_planted_residual_is_large()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(3, torch.CPU);
        var current = torch.rand([50, 2], torch.float64, generator: g);
        var sampler = new RarDSampler(new RarDOptions { PointsAdded = 40, Candidates = 20_000 }, Spec);

        var x = sampler.Resample(Box.Unit(2), 50, current, Planted, g);

        x.shape.ShouldBe([90, 2]);
        (x[..50] == current).all().item<bool>().ShouldBeTrue();
        var added = x[50..];
        // k = 2, c = 0: all but ~1e-4 of the density lies within 2σ of x₀.
        var expected = ReferenceShare(2, 0);
        expected.ShouldBeGreaterThan(0.99);
        ShareNearCentre(added).ShouldBeGreaterThanOrEqualTo(0.9);
        // Drawn without replacement: the 40 new points are distinct.
        var distances = torch.cdist(added, added) + torch.eye(40, dtype: torch.float64);
        distances.min().item<double>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Rar_d_grows_by_m_at_every_resampling()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(4, torch.CPU);
        var sampler = new RarDSampler(new RarDOptions { PointsAdded = 7, Candidates = 500 }, Spec);
        var x = sampler.Sample(Box.Unit(2), 20, g);
        for (var i = 0; i < 3; i++) x = sampler.Resample(Box.Unit(2), 20, x, Planted, g);
        x.shape.ShouldBe([20 + 3 * 7, 2]);
    }

    public static TheoryData<string, string> SamplersAndBases()
    {
        var data = new TheoryData<string, string>();
        foreach (var sampler in new[] { "rad", "rar-d" })
        foreach (var b in BaseSamplers.Names)
            data.Add(sampler, b);
        return data;
    }

    [Theory]
    [MemberData(nameof(SamplersAndBases))]
    public void Points_stay_in_their_domain_and_the_seed_fixes_them(string name, string baseSampler)
    {
        using var scope = torch.NewDisposeScope();
        var domains = new IDomain[] { new TimeSpaceProduct(0, 1, new Box([-1, -1], [1, 1])), new BoxBoundary(new Box([-1, 0], [1, 2])) };
        IAdaptivePointSampler Make() => name == "rad"
            ? new RadSampler(new RadOptions { BaseSampler = baseSampler, Candidates = 3000 }, Spec)
            : new RarDSampler(new RarDOptions { BaseSampler = baseSampler, Candidates = 3000, PointsAdded = 30 }, Spec);
        foreach (var domain in domains)
        {
            torch.Tensor Draw(ulong seed)
            {
                using var g = new torch.Generator(seed, torch.CPU);
                var sampler = Make();
                var first = sampler.Sample(domain, 200, g);
                return sampler.Resample(domain, 200, first, Planted, g);
            }
            var a = Draw(9);
            var b = Draw(9);
            var other = Draw(10);
            a.shape[0].ShouldBe(name == "rad" ? 200 : 230);
            (a == b).all().item<bool>().ShouldBeTrue();
            (a == other).all().item<bool>().ShouldBeFalse();
            domain.Contains(a).all().item<bool>().ShouldBeTrue($"{domain.GetType().Name}");
        }
    }

    [Fact]
    public void Rad_refuses_fewer_candidates_than_points_at_the_first_draw()
    {
        using var g = new torch.Generator(1, torch.CPU);
        Should.Throw<ArgumentException>(() => Rad(candidates: 100).Sample(Box.Unit(2), 101, g)).Message.ShouldContain("candidates (100)");
    }

    [Fact]
    public void A_residual_that_is_zero_or_not_finite_gives_the_base_distribution()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(2, torch.CPU);
        const int n = 2000;
        var area = Math.PI * Radius * Radius;
        var sharp = Rad(k: 2, c: 0, candidates: 50_000);
        var zero = sharp.Resample(Box.Unit(2), n, torch.zeros(1, 2, torch.float64), x => torch.zeros(x.shape[0], torch.float64), g);
        var nan = sharp.Resample(Box.Unit(2), n, torch.zeros(1, 2, torch.float64), x => torch.full(x.shape[0], double.NaN, torch.float64), g);
        foreach (var x in new[] { zero, nan })
            ShareNearCentre(x).ShouldBe(area, 4 * Math.Sqrt(area * (1 - area) / n));
    }

    [Fact]
    public void Rar_d_with_c_0_still_adds_m_points_when_fewer_candidates_have_a_nonzero_residual()
    {
        // Only 5 of the candidates have a positive residual; m = 20 points must still come back, those 5 among them.
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(6, torch.CPU);
        var sampler = new RarDSampler(new RarDOptions { PointsAdded = 20, Candidates = 1000 }, Spec);
        torch.Tensor? candidates = null;
        ResidualProbe fivePositive = x =>
        {
            candidates = x.clone().DetachFromDisposeScope();   // the sampler disposes what its probe made
            var r = torch.zeros(x.shape[0], torch.float64);
            r.narrow(0, 0, 5).fill_(1.0);
            return r;
        };
        var x = sampler.Resample(Box.Unit(2), 10, torch.rand([10, 2], torch.float64, generator: g), fivePositive, g);
        x.shape.ShouldBe([30, 2]);
        // Each of the 5 positive candidates is among the added points (distance 0 to one of them).
        using var positive = candidates!.narrow(0, 0, 5);
        torch.cdist(positive, x[10..]).amin([1L]).max().item<double>().ShouldBe(0);
        candidates.Dispose();
    }

    private static IReadOnlyList<OptionError> Errors(IPluginFactory factory, string json)
        => factory.ParseOptions(JsonDocument.Parse(json).RootElement).Errors;

    [Theory]
    [InlineData("""{ "k": -1 }""", "k", "≥ 0")]
    [InlineData("""{ "c": -0.5 }""", "c", "≥ 0")]
    [InlineData("""{ "baseSampler": "grid" }""", "baseSampler", "uniform, lhs, halton, sobol")]
    [InlineData("""{ "candidates": 0 }""", "candidates", "between 1 and 16777216")]
    [InlineData("""{ "pointsAdded": 3 }""", "pointsAdded", "unknown option")]
    public void Rad_option_errors_name_the_field_and_the_allowed_values(string json, string field, string message)
    {
        var errors = Errors(new RadSamplerFactory(), json);
        errors.Count.ShouldBe(1);
        errors[0].Field.ShouldBe(field);
        errors[0].Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("""{ "pointsAdded": 0 }""", "pointsAdded", "between 1 and candidates (10000)")]
    [InlineData("""{ "pointsAdded": 600, "candidates": 500 }""", "pointsAdded", "between 1 and candidates (500)")]
    [InlineData("""{ "baseSampler": "Halton" }""", "baseSampler", "uniform, lhs, halton, sobol")]
    [InlineData("""{ "k": "two" }""", "k", "a number")]
    public void Rar_d_option_errors_name_the_field_and_the_allowed_values(string json, string field, string message)
    {
        var errors = Errors(new RarDSamplerFactory(), json);
        errors.Count.ShouldBe(1);
        errors[0].Field.ShouldBe(field);
        errors[0].Message.ShouldContain(message);
    }

    [Fact]
    public void Options_in_range_are_accepted()
    {
        var result = new RarDSamplerFactory().ParseOptions(JsonDocument.Parse("""{ "k": 1, "c": 0.5, "baseSampler": "halton", "candidates": 20, "pointsAdded": 20 }""").RootElement);
        result.Errors.ShouldBeEmpty();
        result.Options.ShouldBe(new RarDOptions { K = 1, C = 0.5, BaseSampler = "halton", Candidates = 20, PointsAdded = 20 });
    }
}
