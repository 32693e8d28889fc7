using System.Text.Json;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Tensors;
using Shouldly;
using TorchSharp;
using Xunit;

namespace MyEngine.Tests;

public sealed class NestedAutogradTests
{
    private static IDerivativeEngine Create(string json)
    {
        var factory = new NestedAutogradFactory();
        var parsed = factory.ParseOptions(JsonDocument.Parse(json).RootElement);
        parsed.Errors.ShouldBeEmpty();
        return factory.Create(parsed.Options!, new EngineContext(TensorSpec.Float64Cpu));
    }

    /// <summary>A 3 → 16 → 2 tanh network with Glorot weights.</summary>
    private static Mlp Network()
    {
        var network = new Mlp(3, [16], 2, Activation.FromName("tanh"), TensorSpec.Float64Cpu);
        network.Initialize(Initialization.GlorotNormal, 1.0, new torch.Generator(11));
        return network;
    }

    [Fact]
    public void DerivativesMatchTheClosedFormOfAOneLayerTanhNetwork()
    {
        // u = W₂ tanh(W₁x + b₁) + b₂: ∂u/∂x_a = W₂ diag(1 − t²) W₁[:, a], ∂²u/∂x_a² = W₂ diag(−2t(1 − t²)) W₁[:, a]².
        using var network = Network();
        var x = torch.rand(50, 3, dtype: torch.float64, generator: new torch.Generator(2));
        var (w1, b1, w2) = (network.Layers[0].Weight.detach(), network.Layers[0].Bias.detach(), network.Layers[1].Weight.detach());
        var t = (x.matmul(w1.T) + b1).tanh();                                      // [N, h]
        var first = (1 - t * t).unsqueeze(2) * w1.unsqueeze(0);                    // [N, h, d]
        var second = (-2 * t * (1 - t * t)).unsqueeze(2) * (w1 * w1).unsqueeze(0);
        var gradient = torch.einsum("oh,nhd->nod", w2, first);                      // [N, m, d]
        var laplacian = torch.einsum("oh,nhd->no", w2, second);                     // [N, m]

        var d = Create("{}").Evaluate(network, x,
            DerivativeRequest.Of(PartialDerivative.Of(1), PartialDerivative.Of(2, 2), LaplacianOperator.AllAxes), differentiable: false);

        (d.Partial(1) - gradient[.., .., 1]).abs().max().item<double>().ShouldBeLessThan(1e-12);
        (d.Partial(2, 2) - torch.einsum("oh,nh->no", w2, second[.., .., 2])).abs().max().item<double>().ShouldBeLessThan(1e-12);
        (d.Laplacian() - laplacian).abs().max().item<double>().ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void ARestrictedRequestReturnsOnlyTheNamedComponent()
    {
        using var network = Network();
        var x = torch.rand(20, 3, dtype: torch.float64, generator: new torch.Generator(4));
        var engine = Create("{}");
        var all = engine.Evaluate(network, x, DerivativeRequest.Of(LaplacianOperator.AllAxes), differentiable: false);
        var second = engine.Evaluate(network, x, DerivativeRequest.Of(LaplacianOperator.AllAxes).ForOutputs(1), differentiable: false);
        second[LaplacianOperator.AllAxes].shape.ShouldBe([20L, 1L]);
        (second.LaplacianOf(1) - all.LaplacianOf(1)).abs().max().item<double>().ShouldBe(0.0);
    }

    [Fact]
    public void FirstOrderOnlyRefusesLaplacians()
        => Create("""{ "maxOrder": 1 }""").Unsupported(LaplacianOperator.AllAxes).ShouldNotBeNull();
}
