using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Embedding;
using Pinn.Abstractions.Residuals;
using Pinn.Abstractions.Tensors;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;
using Pinn.Problems.Heat.Heat1d;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Embeddings;

/// <summary>
/// Networks behind an <see cref="InputEmbedding"/>: the features are the promised cosines and sines, every engine's
/// derivatives (tapes included) equal nested autograd through <see cref="Mlp.Forward"/> to 1e-10, a periodic input makes
/// the network and all its derivatives exactly periodic, and an engine that does not declare support is refused.
/// </summary>
public sealed class EmbeddedNetworkTests
{
    private static Mlp Network(string embedding, int outputs = 1, ulong seed = 81)
    {
        using var g = new torch.Generator(seed, torch.CPU);
        PeriodicAxis[] periodic = embedding is "periodic" or "both" ? [new PeriodicAxis(1, 2.0, Harmonics: 2)] : [];
        var fourier = embedding is "fourier" or "both" ? new FourierFeatures(3, 1.5) : null;
        var net = new Mlp(2, [7, 6], outputs, Activation.FromName("tanh"), TensorSpec.Float64Cpu,
                          new InputEmbedding(2, periodic, fourier, g, TensorSpec.Float64Cpu));
        net.Initialize(Initialization.Normal, 1.0, g);
        return net;
    }

    public static TheoryData<string, string> EnginesAndEmbeddings()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "autodiff", "forward-laplacian", "n-tangentprop" })
        foreach (var embedding in new[] { "periodic", "fourier", "both" })
            data.Add(engine, embedding);
        return data;
    }

    [Theory]
    [MemberData(nameof(EnginesAndEmbeddings))]
    public void Every_engine_differentiates_through_the_embedding_as_nested_autograd_does(string engineName, string embedding)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network(embedding, outputs: 2);
        var x = Networks.Points(9, 2, 82);
        var keys = new List<DerivativeKey> { PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1), PartialDerivative.Of(1, 1) };
        // n-tangentprop propagates pure partials only: it gets orders 3 and 4 instead of mixed partials and operators.
        if (engineName == "n-tangentprop") keys.AddRange([PartialDerivative.Of(1, 1, 1), PartialDerivative.Of(0, 0, 0, 0)]);
        else keys.AddRange([PartialDerivative.Of(0, 1), LaplacianOperator.AllAxes, SecondOrderOperator.Of(new[,] { { 1.5, 0.25 }, { 0.25, 2.0 } })]);
        var request = new DerivativeRequest(keys);
        var exact = ExactDerivatives.Of(net.Forward, x, request);
        foreach (var differentiable in new[] { false, true })
        {
            var result = TestEngines.Named(engineName).Evaluate(net, x, request, differentiable);
            foreach (var key in keys)
                TensorAssert.RelativeError(result[key].detach(), exact[key]).ShouldBeLessThan(1e-10, $"{key}, differentiable: {differentiable}");
        }
    }

    [Theory]
    [InlineData("forward-laplacian", "periodic")]
    [InlineData("forward-laplacian", "fourier")]
    [InlineData("n-tangentprop", "both")]
    public void The_taped_jacobian_through_an_embedding_matches_the_row_by_row_jacobian(string engineName, string embedding)
    {
        using var scope = torch.NewDisposeScope();
        var heat = new Heat1dProblem(new Heat1dOptions());
        using var net = Network(embedding);
        using var model = new ResidualModel(heat, net, TestEngines.Named(engineName));
        using var g = new torch.Generator(83, torch.CPU);
        foreach (var c in heat.Conditions)
            model.SetPoints(c.Name, Pinn.Abstractions.Sampling.DomainSampling.Sample(c.Domain, 12, (n, k) => torch.rand([n, k], torch.float64, generator: g)));
        model.ParameterCount.ShouldBe(net.Parameters.Sum(p => p.numel()));       // the embedding is not trained
        using var linearization = model.Linearize();
        TensorAssert.RelativeError(linearization.Dense(), model.ReferenceJacobian()).ShouldBeLessThan(1e-10);
        TensorAssert.RelativeError(linearization.Residuals, model.Residuals(false)).ShouldBeLessThan(1e-14);
    }

    [Theory]
    [InlineData("forward-laplacian")]
    [InlineData("n-tangentprop")]
    public void A_periodic_input_makes_the_network_and_every_derivative_exactly_periodic(string engineName)
    {
        using var scope = torch.NewDisposeScope();
        using var net = Network("both");
        var x = Networks.Points(20, 2, 84);
        var shifted = x + torch.tensor(new[] { 0.0, 2.0 }, torch.float64);         // one period along axis 1
        var request = new DerivativeRequest([PartialDerivative.Value, PartialDerivative.Of(0), PartialDerivative.Of(1), PartialDerivative.Of(1, 1)]);
        var engine = TestEngines.Named(engineName);
        var here = engine.Evaluate(net, x, request, false);
        var there = engine.Evaluate(net, shifted, request, false);
        foreach (var key in request.Keys)
            (here[key] - there[key]).abs().max().item<double>().ShouldBeLessThan(1e-12, key.ToString());
        // and not periodic along the other axis, which the Fourier features see
        var other = engine.Evaluate(net, x + torch.tensor(new[] { 2.0, 0.0 }, torch.float64), request, false);
        (here.Value - other.Value).abs().max().item<double>().ShouldBeGreaterThan(1e-3);
    }

    [Fact]
    public void The_features_are_the_cosines_and_sines_the_embedding_promises()
    {
        using var scope = torch.NewDisposeScope();
        var x = Networks.Points(5, 3, 85);
        var (t, y, z) = (x[.., 0], x[.., 1], x[.., 2]);
        using (var periodic = new InputEmbedding(3, [new PeriodicAxis(1, 2.0, Harmonics: 2)], null, null, TensorSpec.Float64Cpu))
        {
            periodic.Width.ShouldBe(6);
            var expected = torch.stack([t, z, (Math.PI * y).cos(), (Math.PI * y).sin(), (2 * Math.PI * y).cos(), (2 * Math.PI * y).sin()], 1);
            TensorAssert.RelativeError(periodic.Forward(x), expected).ShouldBeLessThan(1e-14);
        }
        using var g = new torch.Generator(86, torch.CPU);
        using var fourier = new InputEmbedding(3, [new PeriodicAxis(2, 0.5)], new FourierFeatures(4, 3.0), g, TensorSpec.Float64Cpu);
        using var again = new torch.Generator(86, torch.CPU);
        var b = torch.randn([4, 2], torch.float64, generator: again) * 3.0;          // B [m, d′] over the free axes t, y
        var phase = 2 * Math.PI * torch.matmul(x[.., 0..2], b.t());
        var spectral = torch.cat([(4 * Math.PI * z).cos().unsqueeze(1), (4 * Math.PI * z).sin().unsqueeze(1), phase.cos(), phase.sin()], 1);
        fourier.Width.ShouldBe(10);
        TensorAssert.RelativeError(fourier.Forward(x), spectral).ShouldBeLessThan(1e-13);
    }

    [Fact]
    public void An_even_periodic_input_makes_the_network_even_in_it()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new torch.Generator(89, torch.CPU);
        using var net = new Mlp(2, [8], 1, Activation.FromName("tanh"), TensorSpec.Float64Cpu,
                                new InputEmbedding(2, [new PeriodicAxis(1, 2.0, Harmonics: 3, Even: true)], null, null, TensorSpec.Float64Cpu));
        net.Initialize(Initialization.Normal, 1.0, g);
        net.Embedding!.Width.ShouldBe(4);                                          // t, cos πx, cos 2πx, cos 3πx
        var x = Networks.Points(10, 2, 90);
        var mirrored = x * torch.tensor(new[] { 1.0, -1.0 }, torch.float64);
        (net.Forward(x) - net.Forward(mirrored)).abs().max().item<double>().ShouldBeLessThan(1e-14);
    }

    [Fact]
    public void Embedding_arguments_that_make_no_sense_are_refused_all_at_once()
    {
        using var g = new torch.Generator(87, torch.CPU);
        Should.Throw<ArgumentException>(() => new InputEmbedding(2, [], null, null, TensorSpec.Float64Cpu))
              .Message.ShouldContain("needs periodic axes or Fourier features");
        var message = Should.Throw<ArgumentException>(() => new InputEmbedding(2,
            [new PeriodicAxis(0, -1.0), new PeriodicAxis(0, 1.0, Harmonics: 0), new PeriodicAxis(5, 1.0)], new FourierFeatures(0, double.NaN), g,
            TensorSpec.Float64Cpu)).Message;
        message.ShouldContain("the period of axis 0 must be positive and finite, got -1");
        message.ShouldContain("axis 0 needs at least one harmonic, got 0");
        message.ShouldContain("periodic axis 5 is not an input (0 … 1)");
        message.ShouldContain("periodic axis 0 is given 2 times");
        message.ShouldContain("Fourier features need at least one frequency, got 0");
        message.ShouldContain("the Fourier scale must be positive and finite");
        Should.Throw<ArgumentException>(() => new InputEmbedding(1, [new PeriodicAxis(0, 1.0)], new FourierFeatures(2, 1.0), g, TensorSpec.Float64Cpu))
              .Message.ShouldContain("every input is periodic");
    }

    [Fact]
    public void An_engine_that_does_not_declare_it_serves_embeddings_is_refused_by_the_residual_model()
    {
        using var net = Network("periodic");
        var heat = new Heat1dProblem(new Heat1dOptions());
        Should.Throw<ArgumentException>(() => new ResidualModel(heat, net, new UndeclaredEngine()))
              .Message.ShouldBe("the engine cannot differentiate this network: UndeclaredEngine was written before input embeddings and "
                                + "adaptive activations existed and does not declare that it serves them");
        using var plain = Networks.Random(2, [4], "tanh", 88);
        using var model = new ResidualModel(heat, plain, new UndeclaredEngine());           // without an embedding it serves
        model.Conditions.Count.ShouldBe(3);
    }

    /// <summary>An engine as one written against 1.7 looks: no <see cref="IDerivativeEngine.UnsupportedNetwork"/>.</summary>
    private sealed class UndeclaredEngine : IDerivativeEngine
    {
        private readonly AutodiffEngine _inner = new();

        public string? Unsupported(DerivativeKey key) => _inner.Unsupported(key);

        public Pinn.Abstractions.Derivatives.Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
            => _inner.Evaluate(model, x, request, differentiable);
    }
}
