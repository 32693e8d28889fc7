using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Symmetry;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// Derivatives of a network made symmetric by <see cref="Mlp.Reflections"/>: the inner engine differentiates the raw network
/// (<see cref="Mlp.Unreflected"/>) at the 2ᵏ images of the points in one call, and since a reflection R is linear,
/// D(N∘R) = ±(DN)∘R with the sign of the key (odd order along a mirrored axis: −), so every key is a signed average of
/// the inner engine's rows: exact in every engine, the forward Laplacian's Laplacian included. Networks without
/// reflections pass through.
/// </summary>
internal class ReflectedEngine(IDerivativeEngine inner, IReadOnlyList<Reflection> reflections) : IDerivativeEngine
{
    public string? Unsupported(DerivativeKey key) => Reflections.Unsupported(reflections, key) ?? inner.Unsupported(key);

    public string? UnsupportedNetwork(Mlp network) => inner.UnsupportedNetwork(network.Unreflected);

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
        => Compose(model, x, request, (network, images) => inner.Evaluate(network, images, request, differentiable));

    /// <summary>The request's keys of the symmetric network, from <paramref name="evaluate"/>'s keys of the raw one at the images.</summary>
    protected Derivatives Compose(Mlp model, torch.Tensor x, DerivativeRequest request, Func<Mlp, torch.Tensor, Derivatives> evaluate)
    {
        if (model.Reflections.Count == 0) return evaluate(model, x);
        var m = model.OutputDimension;
        // No dispose scope here: a taping engine moves its tape to the scope around its call, which is the caller's.
        var raw = evaluate(model.Unreflected, Reflections.Images(x, reflections)).Conformed(request, m);
        var values = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            var components = request.OutputsOf(key) ?? Enumerable.Range(0, m).ToArray();
            var t = raw[key];
            if (t.dim() == 1 && components.Count == 1) t = t.unsqueeze(1);
            if (t.dim() != 2 || t.shape[1] != components.Count)
                throw new InvalidOperationException($"the engine returned {key} with shape [{string.Join(", ", t.shape)}], expected [{x.shape[0] << reflections.Count}, {components.Count}]");
            values[key] = Reflections.Combine(t, reflections, key, components);
        }
        return new Derivatives(values, request);
    }
}
