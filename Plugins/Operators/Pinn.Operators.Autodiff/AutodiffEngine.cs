using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.Autodiff;

/// <summary>
/// Input derivatives by nested reverse-mode autodiff: every partial is the gradient of a lower one.
/// A partial of one output component gives all d partials of that component one order up in one backward
/// pass, and they are cached per (partial, component), so a Laplacian costs one first-order pass plus one
/// pass per axis for each component requested; components a key does not request cost nothing.
/// Serves every quantity.
/// </summary>
internal sealed class AutodiffEngine : IDerivativeEngine
{
    /// <summary>Backward passes run by this engine so far (instrumentation for the tests).</summary>
    internal long BackwardPasses { get; private set; }

    public string? Unsupported(DerivativeKey key) => key switch
    {
        PartialDerivative or LaplacianOperator or SecondOrderOperator => null,
        _ => $"the autodiff engine does not know {key.GetType().Name}",
    };

    /// <summary>Autograd differentiates <see cref="Mlp.Forward"/>, embedding and slopes included: every network.</summary>
    public string? UnsupportedNetwork(Mlp network) => null;

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        foreach (var key in request.Keys)
        {
            if (Unsupported(key) is { } why) throw new ArgumentException(why);
            if (key.MinimumInputDimension > model.InputDimension)
                throw new ArgumentException($"{key} needs input dimension ≥ {key.MinimumInputDimension}, the network has {model.InputDimension}");
        }
        if (request.OutputsBeyond(model.OutputDimension) is { } beyond) throw new ArgumentException(beyond);
        using var scope = torch.NewDisposeScope();
        var input = x.detach().clone().requires_grad_();
        var value = model.Forward(input);
        var partials = new PartialCache(input, value, this);
        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            var components = request.OutputsOf(key) ?? Enumerable.Range(0, model.OutputDimension).ToArray();
            var result = key is PartialDerivative { IsValue: true } && components.Count == model.OutputDimension
                ? value
                : torch.stack(components.Select(j => Component(key, j, partials, model.InputDimension)).ToArray(), 1);   // [N, m_k]
            results[key] = (differentiable ? result : result.detach()).MoveToOuterDisposeScope();
        }
        return new Derivatives(results, request);
    }

    /// <summary>The quantity <paramref name="key"/> of output component <paramref name="j"/>: [N].</summary>
    private static torch.Tensor Component(DerivativeKey key, int j, PartialCache partials, int dimension) => key switch
    {
        PartialDerivative p => partials.Get(p, j),
        LaplacianOperator l => l.AxesFor(dimension).Select(i => partials.Get(PartialDerivative.Of(i, i), j)).Aggregate((a, b) => a + b),
        SecondOrderOperator s => WeightedSecondPartials(s, j, partials),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Σᵢⱼ cᵢⱼ ∂ᵢⱼu of one output component, with each unordered pair computed once.</summary>
    private static torch.Tensor WeightedSecondPartials(SecondOrderOperator s, int component, PartialCache partials)
    {
        torch.Tensor? sum = null;
        for (var i = 0; i < s.Dimension; i++)
        for (var j = i; j < s.Dimension; j++)
        {
            var c = i == j ? s[i, i] : s[i, j] + s[j, i];
            if (c == 0) continue;
            var term = partials.Get(PartialDerivative.Of(i, j), component) * c;
            sum = sum is null ? term : sum + term;
        }
        return sum ?? partials.Get(PartialDerivative.Value, component) * 0.0;
    }

    /// <summary>Partials of each output component uⱼ [N] with respect to the input [N, d], computed on demand and cached.</summary>
    private sealed class PartialCache(torch.Tensor input, torch.Tensor value, AutodiffEngine engine)
    {
        private readonly Dictionary<(PartialDerivative, int), torch.Tensor> _cache = [];

        public torch.Tensor Get(PartialDerivative key, int component)
        {
            if (key.IsValue) return value[.., component];
            if (_cache.TryGetValue((key, component), out var known)) return known;
            var axes = key.Axes;
            var parent = PartialDerivative.Of(axes.Take(axes.Count - 1).ToArray());
            var lower = Get(parent, component);
            // One backward pass gives ∂/∂x_i of this component for every i at once. The zero multiple of
            // the input keeps the graph connected when the lower partial no longer depends on x (a linear
            // network): libtorch would abort on an unused input.
            var target = lower.sum() + input.sum() * 0.0;
            var gradient = torch.autograd.grad([target], [input], retain_graph: true, create_graph: true)[0];   // [N, d]
            engine.BackwardPasses++;
            for (var i = 0; i < input.shape[1]; i++)
                _cache.TryAdd((PartialDerivative.Of([.. parent.Axes, i]), component), gradient[.., i]);
            return _cache[(key, component)];
        }
    }
}
