using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.Halton;
using Pinn.Samplers.Standard.LatinHypercube;
using Pinn.Samplers.Standard.Uniform;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Samplers;

/// <summary>Samplers stay in the domain, LHS stratifies every axis, the seed fixes the points.</summary>
public sealed class SamplerTests
{
    [Fact]
    public void Latin_hypercube_puts_one_point_in_each_stratum_of_every_axis()
    {
        using var scope = torch.NewDisposeScope();
        var sampler = new LatinHypercubeSampler(TensorSpec.Float64Cpu);
        using var g = new torch.Generator(3, torch.CPU);
        const int n = 97;
        var x = sampler.Sample(Box.Unit(4), n, g);
        for (var axis = 0; axis < 4; axis++)
        {
            var strata = (x[.., axis] * n).floor().to_type(torch.int64).sort().Values;
            (strata == torch.arange(n, torch.int64)).all().item<bool>().ShouldBeTrue($"axis {axis}");
        }
    }

    [Fact]
    public void Same_seed_gives_same_points_and_points_stay_in_the_domain()
    {
        using var scope = torch.NewDisposeScope();
        var domain = new TimeSpaceProduct(0, 1, new Box([-1, -1], [1, 1]));
        foreach (var sampler in new Abstractions.Sampling.IPointSampler[] { new UniformSampler(TensorSpec.Float64Cpu), new LatinHypercubeSampler(TensorSpec.Float64Cpu), new HaltonSampler(TensorSpec.Float64Cpu) })
        {
            using var g1 = new torch.Generator(9, torch.CPU);
            using var g2 = new torch.Generator(9, torch.CPU);
            var a = sampler.Sample(domain, 300, g1);
            var b = sampler.Sample(domain, 300, g2);
            (a == b).all().item<bool>().ShouldBeTrue();
            domain.Contains(a).all().item<bool>().ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(0, 2, 6)]      // base 2: 64 points
    [InlineData(1, 3, 4)]      // base 3: 81 points
    [InlineData(2, 5, 3)]      // base 5: 125 points
    public void Scrambled_Halton_keeps_one_point_per_elementary_interval_of_each_axis(int axis, int b, int m)
    {
        // Digit permutations map the first bᵐ indices' m leading digits onto all bᵐ combinations.
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(11, torch.CPU);
        var n = (int)Math.Pow(b, m);
        var x = new HaltonSampler(TensorSpec.Float64Cpu).Sample(Box.Unit(3), n, g);
        var strata = (x[.., axis] * n).floor().to_type(torch.int64).sort().Values;
        (strata == torch.arange(n, torch.int64)).all().item<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Scrambled_Halton_has_lower_L2_star_discrepancy_than_uniform_points_on_average()
    {
        // Warnock's closed form of the L2-star discrepancy, averaged over 5 seeds, N = 256 in 5 dimensions.
        using var scope = torch.NewDisposeScope();
        double halton = 0, uniform = 0;
        for (ulong seed = 0; seed < 5; seed++)
        {
            using var g1 = new torch.Generator(seed, torch.CPU);
            using var g2 = new torch.Generator(seed, torch.CPU);
            halton += L2StarDiscrepancy.Of(new HaltonSampler(TensorSpec.Float64Cpu).Sample(Box.Unit(5), 256, g1));
            uniform += L2StarDiscrepancy.Of(new UniformSampler(TensorSpec.Float64Cpu).Sample(Box.Unit(5), 256, g2));
        }
        halton.ShouldBeLessThan(0.7 * uniform);
    }

    [Fact]
    public void Halton_uses_the_first_primes_as_bases()
    {
        HaltonSampler.Primes(10).ShouldBe([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        HaltonSampler.Primes(101)[^1].ShouldBe(547);
    }
}
