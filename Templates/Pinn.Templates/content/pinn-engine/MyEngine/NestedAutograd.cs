using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace MyEngine;

/// <summary>
/// Derivatives of the network u: R^d → R^m with respect to its inputs by nested reverse-mode autograd: one backward
/// pass per output component for the gradient [N, d], one more per axis for second partials. The reference every
/// faster engine is checked against; it costs O(d) backward passes for a Laplacian.
/// </summary>
internal sealed class NestedAutograd(int maxOrder) : IDerivativeEngine
{
    /// <inheritdoc />
    public string? Unsupported(DerivativeKey key) => key switch
    {
        PartialDerivative p when p.Order > maxOrder => $"partials of order {p.Order} (maxOrder is {maxOrder})",
        PartialDerivative => null,
        LaplacianOperator when maxOrder < 2 => "Laplacians (maxOrder is 1)",
        LaplacianOperator => null,
        _ => $"{key.GetType().Name} is not supported",
    };

    /// <summary>Autograd differentiates <see cref="Mlp.Forward"/>, input embedding and slopes included: every network is served.</summary>
    public string? UnsupportedNetwork(Mlp network) => null;

    /// <inheritdoc />
    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        foreach (var key in request.Keys)
            if (Unsupported(key) is { } why) throw new ArgumentException($"myengine cannot compute {key}: {why}");
        if (request.OutputsBeyond(model.OutputDimension) is { } beyond) throw new ArgumentException(beyond);

        using var scope = torch.NewDisposeScope();
        var input = x.detach().clone().requires_grad_();
        var u = model.Forward(input);                                              // [N, m]
        var gradients = new Dictionary<int, torch.Tensor>();                       // component → ∇u_j [N, d]
        torch.Tensor Gradient(int j) => gradients.TryGetValue(j, out var g) ? g
            : gradients[j] = torch.autograd.grad([u[.., j].sum()], [input], retain_graph: true, create_graph: true)[0];
        torch.Tensor Second(int j, int a, int b)                                   // ∂²u_j/∂x_a∂x_b [N]
            => torch.autograd.grad([Gradient(j)[.., a].sum()], [input], retain_graph: true, create_graph: true)[0][.., b];

        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            var components = request.OutputsOf(key) ?? Enumerable.Range(0, model.OutputDimension).ToArray();
            var columns = components.Select(j => key switch
            {
                PartialDerivative { Order: 0 } => u[.., j],
                PartialDerivative { Order: 1 } p => Gradient(j)[.., p.Axes[0]],
                PartialDerivative p => Second(j, p.Axes[0], p.Axes[1]),
                LaplacianOperator l => l.AxesFor(model.InputDimension).Select(a => Second(j, a, a)).Aggregate((s, t) => s + t),
                _ => throw new InvalidOperationException(),
            }).ToArray();
            var result = torch.stack(columns, 1);                                  // [N, m_k]
            results[key] = (differentiable ? result : result.detach()).MoveToOuterDisposeScope();
        }
        return new Derivatives(results, request);
    }
}
