using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.LatinHypercube;
using Pinn.Samplers.Standard.Uniform;
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
        foreach (var sampler in new Abstractions.Sampling.IPointSampler[] { new UniformSampler(TensorSpec.Float64Cpu), new LatinHypercubeSampler(TensorSpec.Float64Cpu) })
        {
            using var g1 = new torch.Generator(9, torch.CPU);
            using var g2 = new torch.Generator(9, torch.CPU);
            var a = sampler.Sample(domain, 300, g1);
            var b = sampler.Sample(domain, 300, g2);
            (a == b).all().item<bool>().ShouldBeTrue();
            domain.Contains(a).all().item<bool>().ShouldBeTrue();
        }
    }
}
