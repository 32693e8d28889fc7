using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Platform;

/// <summary>The native fix works in test outputs: libtorch loads and computes.</summary>
public sealed class TorchLoadsTests
{
    [Fact]
    public void Torch_loads_and_runs_nested_autograd_and_eigh_in_float64()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 0.3, -0.7 }, torch.float64).requires_grad_();
        var y = x.tanh().sum();
        var g = torch.autograd.grad([y], [x], retain_graph: true, create_graph: true)[0];
        var h = torch.autograd.grad([g.sum()], [x])[0];
        var t = x.detach().tanh();
        var expected = -2 * t * (1 - t * t);
        (h - expected).abs().max().item<double>().ShouldBeLessThan(1e-14);

        var a = torch.tensor(new[] { 2.0, 1.0, 1.0, 3.0 }, [2, 2], torch.float64);
        var (values, _) = torch.linalg.eigh(a);
        var exact = new[] { (5 - Math.Sqrt(5)) / 2, (5 + Math.Sqrt(5)) / 2 };
        values[0].item<double>().ShouldBe(exact[0], 1e-12);
        values[1].item<double>().ShouldBe(exact[1], 1e-12);
    }
}
