using Pinn.Optimizers.NaturalGradient.Damping;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Optimizers;

public sealed class SymmetricGramTests
{
    [Theory]
    [InlineData(100)]   // one product
    [InlineData(600)]   // split once into 300 + 300
    [InlineData(1101)]  // split twice, with odd widths: 550 → 275 + 275, 551 → 275 + 276
    public void The_blocked_gram_matches_the_plain_product(long width)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(11, torch.CPU);
        var jacobian = torch.randn([150, width], torch.float64, generator: generator);
        var gram = SymmetricGram.Of(jacobian);
        var plain = jacobian.t().matmul(jacobian);
        gram.shape.ShouldBe([width, width]);
        ((gram - plain).abs().max() / plain.abs().max()).item<double>().ShouldBeLessThan(1e-14);
        ((gram - gram.t()).abs().max() / plain.abs().max()).item<double>().ShouldBeLessThan(1e-15);
    }
}
