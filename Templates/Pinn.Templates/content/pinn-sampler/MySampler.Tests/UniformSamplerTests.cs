using System.Text.Json;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Shouldly;
using TorchSharp;
using Xunit;

namespace MySampler.Tests;

public sealed class UniformSamplerTests
{
    private static readonly Box Rectangle = new([-1.0, 0.0], [3.0, 2.0]);

    private static IPointSampler Create(string json)
    {
        var factory = new UniformSamplerFactory();
        var parsed = factory.ParseOptions(JsonDocument.Parse(json).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return factory.Create(parsed.Options!, new SamplerContext(TensorSpec.Float64Cpu));
    }

    [Fact]
    public void GivesTheCountAskedForInsideTheDomain()
    {
        var x = Create("{}").Sample(Rectangle, 1001, new torch.Generator(3));
        x.shape.ShouldBe([1001L, 2L]);
        Rectangle.Contains(x).all().item<bool>().ShouldBeTrue();
    }

    [Fact]
    public void TheSameSeedGivesTheSamePoints()
    {
        var sampler = Create("{}");
        var first = sampler.Sample(Rectangle, 100, new torch.Generator(5));
        var second = sampler.Sample(Rectangle, 100, new torch.Generator(5));
        (first - second).abs().max().item<double>().ShouldBe(0.0);
    }

    [Fact]
    public void AntitheticPairsAverageToTheCentre()
    {
        var x = Create("""{ "antithetic": true }""").Sample(Rectangle, 400, new torch.Generator(9));
        var centre = x.mean([0L]);
        centre[0].item<double>().ShouldBe(1.0, 1e-12);
        centre[1].item<double>().ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void AnUnknownOptionIsRefused()
    {
        var parsed = new UniformSamplerFactory().ParseOptions(JsonDocument.Parse("""{ "stratified": true }""").RootElement);
        parsed.Errors.ShouldHaveSingleItem().Field.ShouldBe("stratified");
    }
}
