using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>
/// Pure partials of order ≤ 2 by nested reverse mode: one forward pass of <see cref="Mlp.Forward"/>, one backward pass per
/// output for all first partials, and one more per output and axis for a second partial. At these orders it costs less
/// than Taylor mode's stacked columns and Faà di Bruno steps when no layer tape is needed, so
/// <see cref="TangentPropEngine"/> takes it then: the user asked for derivatives, not for a method.
/// </summary>
internal static class ReverseModePartials
{
    /// <summary>The highest order this path serves.</summary>
    public const int MaxOrder = 2;

    /// <summary>[N, m_k] per key of <paramref name="request"/> (pure partials of order ≤ 2, checked by the engine).</summary>
    public static Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        using var grad = torch.enable_grad();
        using var scope = torch.NewDisposeScope();
        var input = x.detach().to(model.Spec.DType, model.Spec.Device).requires_grad_(true);
        var u = model.Forward(input);                                                      // [N, m]
        var gradients = new Dictionary<int, torch.Tensor>();
        // The zero multiple of the input keeps the graph connected where a derivative no longer depends on x.
        torch.Tensor Derivative(torch.Tensor of, bool again)
            => torch.autograd.grad([of.sum() + input.sum() * 0.0], [input], retain_graph: true, create_graph: again)[0];   // [N, d]
        // The first partials need a graph of their own only to be differentiated again, or for the caller's gradients.
        var graphOfGradients = differentiable || request.Keys.Any(k => k.Order == 2);
        torch.Tensor Gradient(int j) => gradients.TryGetValue(j, out var g) ? g : gradients[j] = Derivative(u[.., j], again: graphOfGradients);
        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys.Cast<PartialDerivative>())
        {
            var components = request.OutputsOf(key) ?? Enumerable.Range(0, model.OutputDimension).ToArray();
            var columns = components.Select(j => key.Order switch
            {
                0 => u[.., j],
                1 => Gradient(j)[.., key.Axes[0]],
                _ => Derivative(Gradient(j)[.., key.Axes[0]], again: differentiable)[.., key.Axes[0]],
            }).ToArray();
            var result = torch.stack(columns, 1);
            results[key] = (differentiable ? result : result.detach()).MoveToOuterDisposeScope();
        }
        return new Derivatives(results, request);
    }
}
