using Pinn.Abstractions.Derivatives;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>
/// The quantities of a <see cref="DerivativeRequest"/> for a closed-form function u(x) [N, m], by
/// nested autograd through the formula: what an exact network would give an engine's caller.
/// </summary>
internal static class ExactDerivatives
{
    /// <summary>Each requested quantity of <paramref name="u"/> at x [N, d], detached, [N, m].</summary>
    public static Derivatives Of(Func<torch.Tensor, torch.Tensor> u, torch.Tensor x, DerivativeRequest request)
    {
        var input = x.detach().clone().requires_grad_(true);
        var value = u(input) + input.sum() * 0; // anchored: autograd refuses inputs the output ignores
        var values = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            values[key] = key switch
            {
                PartialDerivative p => Partial(value, input, p.Axes),
                LaplacianOperator l => l.AxesFor((int)x.shape[1]).Select(a => Partial(value, input, [a, a])).Aggregate((s, t) => s + t),
                SecondOrderOperator s => SecondOrder(value, input, s),
                _ => throw new ArgumentException($"no closed-form rule for {key}"),
            };
        }
        // Cut restricted keys to their components' columns, as an engine returns them.
        return new Derivatives(values.ToDictionary(kv => kv.Key, kv => kv.Value.detach())).Conformed(request, (int)value.shape[1]);
    }

    private static torch.Tensor Partial(torch.Tensor value, torch.Tensor x, IReadOnlyList<int> axes)
    {
        var f = value;
        foreach (var axis in axes)
        {
            var columns = new torch.Tensor[f.shape[1]];
            for (var j = 0; j < columns.Length; j++)
            {
                var g = torch.autograd.grad([f[.., j].sum()], [x], retain_graph: true, create_graph: true)[0];
                columns[j] = g[.., axis..(axis + 1)] + x.sum() * 0;
            }
            f = torch.cat(columns, 1);
        }
        return f;
    }

    private static torch.Tensor SecondOrder(torch.Tensor value, torch.Tensor x, SecondOrderOperator s)
    {
        var sum = torch.zeros_like(value);
        for (var i = 0; i < s.Dimension; i++)
        for (var j = 0; j < s.Dimension; j++)
            if (s[i, j] != 0) sum += s[i, j] * Partial(value, x, [i, j]);
        return sum;
    }
}
