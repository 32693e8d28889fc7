using Pinn.Abstractions.Models.Embedding;
using Pinn.Abstractions.Models.Symmetry;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>
/// A fully connected network u_θ: R^d → R^m with one activation σ after every hidden layer and a
/// linear output layer, optionally behind a fixed <see cref="InputEmbedding"/> γ (u_θ(x) = MLP(γ(x))) and with trainable
/// activation slopes (<see cref="AdaptiveActivation"/>). Its parameters are plain leaf tensors (W₀, b₀, W₁, b₁, …, then the
/// slopes) so that engines can walk the layers and optimizers can see one flat vector; the embedding has none. With
/// <see cref="Reflections"/> the network is made exactly symmetric: u = the signed average of the raw network N over the
/// images of x (<see cref="Reflection"/>); engines differentiate N, which the residual model hands them, and it
/// combines their results.
/// </summary>
public sealed class Mlp : IDisposable
{
    private readonly List<LinearLayer> _layers = [];
    private readonly List<torch.Tensor> _slopes = [];
    private readonly bool _owner;
    private Mlp? _unreflected;

    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="hidden">Hidden widths, each ≥ 1 (may be empty: a linear model).</param>
    /// <param name="outputDimension">m ≥ 1.</param>
    /// <param name="activation">σ.</param>
    /// <param name="spec">dtype and device of the parameters.</param>
    public Mlp(int inputDimension, IReadOnlyList<int> hidden, int outputDimension, Activation activation, TensorSpec spec)
        : this(inputDimension, hidden, outputDimension, activation, spec, embedding: null)
    {
    }

    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="hidden">Hidden widths, each ≥ 1 (may be empty: a linear model).</param>
    /// <param name="outputDimension">m ≥ 1.</param>
    /// <param name="activation">σ.</param>
    /// <param name="spec">dtype and device of the parameters.</param>
    /// <param name="embedding">γ with input dimension d, owned (disposed) by the network from now on; null for none. Since 1.8.</param>
    /// <param name="adaptive">Trainable activation slopes, or null for none. Since 1.8.</param>
    public Mlp(int inputDimension, IReadOnlyList<int> hidden, int outputDimension, Activation activation, TensorSpec spec, InputEmbedding? embedding,
               AdaptiveActivation? adaptive = null)
        : this(inputDimension, hidden, outputDimension, activation, spec, embedding, adaptive, [])
    {
    }

    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="hidden">Hidden widths, each ≥ 1 (may be empty: a linear model).</param>
    /// <param name="outputDimension">m ≥ 1.</param>
    /// <param name="activation">σ.</param>
    /// <param name="spec">dtype and device of the parameters.</param>
    /// <param name="embedding">γ with input dimension d, owned (disposed) by the network from now on; null for none.</param>
    /// <param name="adaptive">Trainable activation slopes, or null for none.</param>
    /// <param name="reflections">Mirror symmetries of the solution, at most one per input, each with m parities; empty for
    /// none. Since 1.9.</param>
    public Mlp(int inputDimension, IReadOnlyList<int> hidden, int outputDimension, Activation activation, TensorSpec spec, InputEmbedding? embedding,
               AdaptiveActivation? adaptive, IReadOnlyList<Reflection> reflections)
    {
        if (Symmetry.Reflections.Problem(reflections, inputDimension, outputDimension) is { } wrong) throw new ArgumentException(wrong, nameof(reflections));
        if (adaptive is not null && (!(adaptive.Factor > 0) || !double.IsFinite(adaptive.Factor)))
            throw new ArgumentOutOfRangeException(nameof(adaptive), adaptive.Factor, "the slope factor n must be positive and finite");
        if (embedding is not null && embedding.InputDimension != inputDimension)
            throw new ArgumentException($"the embedding takes {embedding.InputDimension} inputs, the network {inputDimension}", nameof(embedding));
        if (inputDimension < 1) throw new ArgumentOutOfRangeException(nameof(inputDimension), "must be ≥ 1");
        if (outputDimension < 1) throw new ArgumentOutOfRangeException(nameof(outputDimension), "must be ≥ 1");
        if (hidden.Any(h => h < 1)) throw new ArgumentOutOfRangeException(nameof(hidden), "hidden widths must be ≥ 1");
        InputDimension = inputDimension;
        OutputDimension = outputDimension;
        Hidden = hidden.ToArray();
        Activation = activation;
        Spec = spec;
        Embedding = embedding;
        Reflections = reflections.ToArray();
        _owner = true;
        var widths = Widths;
        for (var l = 0; l + 1 < widths.Count; l++)
        {
            var w = torch.zeros([widths[l + 1], widths[l]], spec.DType, spec.Device).requires_grad_();
            var b = torch.zeros([widths[l + 1]], spec.DType, spec.Device).requires_grad_();
            _layers.Add(new LinearLayer(w, b));
        }
        Adaptive = adaptive;
        if (adaptive is not null && Hidden.Count > 0)
            for (var l = 0; l < (adaptive.Global ? 1 : Hidden.Count); l++)
                _slopes.Add(torch.full([1], 1.0 / adaptive.Factor, spec.DType, spec.Device).requires_grad_());
    }

    /// <summary>The view of <paramref name="source"/> without reflections: the same tensors, not owned.</summary>
    private Mlp(Mlp source)
    {
        InputDimension = source.InputDimension;
        OutputDimension = source.OutputDimension;
        Hidden = source.Hidden;
        Activation = source.Activation;
        Spec = source.Spec;
        Embedding = source.Embedding;
        Adaptive = source.Adaptive;
        Reflections = [];
        _layers = source._layers;
        _slopes = source._slopes;
    }

    /// <summary>The mirror symmetries the network has exactly; empty for none. Since 1.9.</summary>
    public IReadOnlyList<Reflection> Reflections { get; }

    /// <summary>The raw network N without <see cref="Reflections"/> (the same parameters): what an engine differentiates
    /// when the residual model serves the reflections; the network itself when it has none.</summary>
    internal Mlp Unreflected => Reflections.Count == 0 ? this : _unreflected ??= new Mlp(this);

    /// <summary>The trainable activation slopes, or null. Since 1.8.</summary>
    public AdaptiveActivation? Adaptive { get; }

    /// <summary>The slopes a [1] (leaf tensors that require grad): one per hidden layer, one in all for a global slope,
    /// none without <see cref="Adaptive"/>. They follow <see cref="Parameters"/> in a model's flat vector. Since 1.8.</summary>
    public IReadOnlyList<torch.Tensor> Slopes => _slopes;

    /// <summary>n·a_l [1], the factor on the pre-activation of the activation after <see cref="Layers"/>[l], in the graph of
    /// the slope; null when the network has no slopes (the activation then reads the pre-activation as it is). Since 1.8.</summary>
    public torch.Tensor? SlopeScale(int layer)
    {
        if (_slopes.Count == 0) return null;
        if (layer < 0 || layer >= Hidden.Count) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"hidden layers are 0 … {Hidden.Count - 1}");
        return _slopes[Adaptive!.Global ? 0 : layer] * Adaptive.Factor;
    }

    /// <summary>d.</summary>
    public int InputDimension { get; }

    /// <summary>m.</summary>
    public int OutputDimension { get; }

    /// <summary>Hidden widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>σ.</summary>
    public Activation Activation { get; }

    /// <summary>dtype and device.</summary>
    public TensorSpec Spec { get; }

    /// <summary>γ, applied to the inputs before the first layer, or null. Since 1.8.</summary>
    public InputEmbedding? Embedding { get; }

    /// <summary>The linear layers' widths: the first layer's input width (d, or the embedding's p), hidden widths…, m.</summary>
    public IReadOnlyList<int> Widths => [Embedding?.Width ?? InputDimension, .. Hidden, OutputDimension];

    /// <summary>The linear layers, input to output (the first one reads γ(x) when there is an embedding); σ follows
    /// every one but the last.</summary>
    public IReadOnlyList<LinearLayer> Layers => _layers;

    /// <summary>W₀, b₀, W₁, b₁, …: the order of the flat parameter vector (the <see cref="Slopes"/>, if any, follow).</summary>
    public IReadOnlyList<torch.Tensor> Parameters => _layers.SelectMany(l => new[] { l.Weight, l.Bias }).ToArray();

    /// <summary>D of the linear layers, the number of scalars in <see cref="Parameters"/> (without the slopes).</summary>
    public long ParameterCount => _layers.Sum(l => l.Weight.numel() + l.Bias.numel());

    /// <summary>u_θ(x): x [N, d] ↦ [N, m] (with <see cref="Reflections"/>, the signed average over the images of x).</summary>
    public torch.Tensor Forward(torch.Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != InputDimension)
            throw new ArgumentException($"MLP input: expected [N, {InputDimension}], got [{string.Join(", ", x.shape)}]");
        if (Reflections.Count == 0) return Raw(x);
        using var scope = torch.NewDisposeScope();
        var raw = Raw(Symmetry.Reflections.Images(x, Reflections));
        return Symmetry.Reflections.Combine(raw, Reflections, Derivatives.PartialDerivative.Value, Enumerable.Range(0, OutputDimension).ToArray())
            .MoveToOuterDisposeScope();
    }

    private torch.Tensor Raw(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var z = Embedding is { } embedding ? embedding.Forward(x) : x;
        for (var l = 0; l < _layers.Count; l++)
        {
            z = _layers[l].Forward(z);
            if (l + 1 < _layers.Count) z = Activation.Apply(SlopeScale(l) is { } scale ? z * scale : z);
        }
        return z.MoveToOuterDisposeScope();
    }

    /// <summary>Draws all parameters afresh.</summary>
    /// <param name="init">The scheme.</param>
    /// <param name="initScale">σ of <see cref="Initialization.Normal"/> (ignored by the others), &gt; 0.</param>
    /// <param name="generator">A CPU generator; draws happen on the CPU and are copied to the device, so
    /// the same seed gives the same network on every device.</param>
    public void Initialize(Initialization init, double initScale, torch.Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var l = 0; l < _layers.Count; l++)
        {
            var (w, b) = (_layers[l].Weight, _layers[l].Bias);
            var fanOut = w.shape[0];
            var fanIn = w.shape[1];
            var first = l == 0;
            var last = l == _layers.Count - 1;
            torch.Tensor Normal(long[] shape, double std) => torch.randn(shape, torch.float64, torch.CPU, generator: generator) * std;
            torch.Tensor Uniform(long[] shape, double bound) => (torch.rand(shape, torch.float64, torch.CPU, generator: generator) * 2 - 1) * bound;
            var (newW, newB) = init switch
            {
                Initialization.Normal => (Normal(w.shape, first ? initScale : 1 / Math.Sqrt(fanIn)),
                                          last ? torch.zeros(b.shape, torch.float64) : Normal(b.shape, initScale)),
                Initialization.GlorotNormal => (Normal(w.shape, Math.Sqrt(2.0 / (fanIn + fanOut))), torch.zeros(b.shape, torch.float64)),
                Initialization.GlorotUniform => (Uniform(w.shape, Math.Sqrt(6.0 / (fanIn + fanOut))), torch.zeros(b.shape, torch.float64)),
                Initialization.FanInUniform => (Uniform(w.shape, 1 / Math.Sqrt(fanIn)), Uniform(b.shape, 1 / Math.Sqrt(fanIn))),
                _ => throw new ArgumentOutOfRangeException(nameof(init)),
            };
            w.copy_(newW);
            b.copy_(newB);
        }
        foreach (var slope in _slopes) slope.fill_(1.0 / Adaptive!.Factor);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_owner) return;
        foreach (var l in _layers)
        {
            l.Weight.Dispose();
            l.Bias.Dispose();
        }
        _layers.Clear();
        foreach (var slope in _slopes) slope.Dispose();
        _slopes.Clear();
        Embedding?.Dispose();
    }
}
