using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The linearisation for engines without tapes: keeps the autograd graph of r. Jᵀu is one backward pass,
/// Jv the double-backward trick (Jv = ∂/∂u ⟨Jᵀu, v⟩ for a dummy u), J row by row.
/// </summary>
internal sealed class AutogradLinearization : ILinearization
{
    private readonly torch.Tensor _r;            // with graph
    private readonly torch.Tensor[] _parameters;
    private readonly long _count;

    public AutogradLinearization(torch.Tensor residualsWithGraph, IReadOnlyList<torch.Tensor> parameters)
    {
        _r = residualsWithGraph;
        _parameters = parameters.ToArray();
        _count = parameters.Sum(p => p.numel());
        Residuals = _r.detach();
    }

    public torch.Tensor Residuals { get; }

    public torch.Tensor Times(torch.Tensor v)
    {
        ShapeChecks.Vector(v, _count, nameof(v));
        using var scope = torch.NewDisposeScope();
        var u = torch.zeros_like(_r).requires_grad_();
        var jtu = Flatten(torch.autograd.grad([_r], _parameters, [u], retain_graph: true, create_graph: true));
        // + 0·Σu keeps u in the graph when J is zero (a libtorch error would abort the process).
        var jv = torch.autograd.grad([jtu.dot(v.to(_r.dtype, _r.device)) + u.sum() * 0.0], [u])[0];
        return jv.detach().MoveToOuterDisposeScope();
    }

    public torch.Tensor TransposeTimes(torch.Tensor u)
    {
        ShapeChecks.Vector(u, _r.shape[0], nameof(u));
        using var scope = torch.NewDisposeScope();
        var grads = torch.autograd.grad([_r], _parameters, [u.to(_r.dtype, _r.device)], retain_graph: true);
        return Flatten(grads).MoveToOuterDisposeScope();
    }

    public torch.Tensor Dense()
    {
        using var scope = torch.NewDisposeScope();
        var rows = new torch.Tensor[_r.shape[0]];
        for (var i = 0; i < rows.Length; i++)
        {
            using var rowScope = torch.NewDisposeScope();
            rows[i] = Flatten(torch.autograd.grad([_r[i]], _parameters, retain_graph: true)).MoveToOuterDisposeScope();
        }
        return torch.stack(rows, 0).MoveToOuterDisposeScope();
    }

    internal static torch.Tensor Flatten(IList<torch.Tensor> parts) => torch.cat(parts.Select(g => g.reshape(-1)).ToArray(), 0);

    public void Dispose()
    {
        _r.Dispose();
        Residuals.Dispose();
    }
}
