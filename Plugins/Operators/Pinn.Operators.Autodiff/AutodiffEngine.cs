using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.Autodiff;

/// <summary>
/// Input derivatives by nested reverse-mode autodiff: every partial is the gradient of a lower one.
/// A partial's gradient gives all d partials one order up in one backward pass, and they are cached,
/// so a Laplacian costs one first-order pass plus one pass per axis. Serves every quantity.
/// </summary>
internal sealed class AutodiffEngine : IDerivativeEngine
{
    public string? Unsupported(DerivativeKey key) => key switch
    {
        PartialDerivative or LaplacianOperator or SecondOrderOperator => null,
        _ => $"the autodiff engine does not know {key.GetType().Name}",
    };

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        foreach (var key in request.Keys)
        {
            if (Unsupported(key) is { } why) throw new ArgumentException(why);
            if (key.MinimumInputDimension > model.InputDimension)
                throw new ArgumentException($"{key} needs input dimension ≥ {key.MinimumInputDimension}, the network has {model.InputDimension}");
        }
        using var scope = torch.NewDisposeScope();
        var input = x.detach().clone().requires_grad_();
        var partials = new PartialCache(input, model.Forward(input));
        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            var value = key switch
            {
                PartialDerivative p => partials.Get(p),
                LaplacianOperator l => l.AxesFor(model.InputDimension).Select(i => partials.Get(PartialDerivative.Of(i, i)))
                                        .Aggregate((a, b) => a + b),
                SecondOrderOperator s => WeightedSecondPartials(s, partials),
                _ => throw new InvalidOperationException(),
            };
            results[key] = (differentiable ? value : value.detach()).MoveToOuterDisposeScope();
        }
        return new Derivatives(results);
    }

    /// <summary>Σᵢⱼ cᵢⱼ ∂ᵢⱼu, with each unordered pair computed once.</summary>
    private static torch.Tensor WeightedSecondPartials(SecondOrderOperator s, PartialCache partials)
    {
        torch.Tensor? sum = null;
        for (var i = 0; i < s.Dimension; i++)
        for (var j = i; j < s.Dimension; j++)
        {
            var c = i == j ? s[i, i] : s[i, j] + s[j, i];
            if (c == 0) continue;
            var term = partials.Get(PartialDerivative.Of(i, j)) * c;
            sum = sum is null ? term : sum + term;
        }
        return sum ?? partials.Get(PartialDerivative.Value) * 0.0;
    }

    /// <summary>Partials of u [N, m] with respect to the input [N, d], computed on demand and cached.</summary>
    private sealed class PartialCache(torch.Tensor input, torch.Tensor value)
    {
        private readonly Dictionary<PartialDerivative, torch.Tensor> _cache = new() { [PartialDerivative.Value] = value };

        public torch.Tensor Get(PartialDerivative key)
        {
            if (_cache.TryGetValue(key, out var known)) return known;
            var axes = key.Axes;
            var parent = PartialDerivative.Of(axes.Take(axes.Count - 1).ToArray());
            var lower = Get(parent);
            // One backward pass per output component gives ∂/∂x_i of it for every i at once.
            var m = lower.shape[1];
            var d = input.shape[1];
            var columns = new torch.Tensor[m];
            for (var j = 0; j < m; j++)
            {
                // The zero multiple of the input keeps the graph connected when the lower partial no
                // longer depends on x (a linear network): libtorch would abort on an unused input.
                var target = lower[.., j].sum() + input.sum() * 0.0;
                columns[j] = torch.autograd.grad([target], [input], retain_graph: true, create_graph: true)[0];
            }
            var gradient = torch.stack(columns, 2); // [N, d, m]
            for (var i = 0; i < d; i++)
            {
                var child = PartialDerivative.Of([.. parent.Axes, i]);
                _cache.TryAdd(child, gradient[.., i, ..]);
            }
            return _cache[key];
        }
    }
}
