using TorchSharp;

namespace Pinn.Optimizers.QuasiNewton.Lbfgs;

/// <summary>
/// The last m curvature pairs sₖ = θₖ₊₁ − θₖ, yₖ = ∇Lₖ₊₁ − ∇Lₖ (each [D]) and the two-loop recursion that
/// applies the L-BFGS inverse-Hessian approximation, with H₀ = (sᵀy / yᵀy)·I from the newest pair.
/// Owns its tensors.
/// </summary>
internal sealed class CurvatureHistory(int capacity) : IDisposable
{
    private readonly List<(torch.Tensor S, torch.Tensor Y, double Rho)> _pairs = [];

    public int Count => _pairs.Count;

    /// <summary>Adds a pair when sᵀy &gt; 1e-10·yᵀy (curvature positive enough to keep H positive definite);
    /// returns whether it was kept.</summary>
    public bool Add(torch.Tensor s, torch.Tensor y)
    {
        // Own copies first, and every product on them: a dot product's last bit depends on the memory
        // alignment of its operands, and a restored history must reproduce ρ exactly.
        using var scope = torch.NewDisposeScope();
        s = s.detach().clone();
        y = y.detach().clone();
        var sy = s.dot(y).ToDouble();
        var yy = y.dot(y).ToDouble();
        if (!(sy > 1e-10 * yy) || !double.IsFinite(sy)) return false;
        if (_pairs.Count == capacity)
        {
            _pairs[0].S.Dispose();
            _pairs[0].Y.Dispose();
            _pairs.RemoveAt(0);
        }
        _pairs.Add((s.DetachFromDisposeScope(), y.DetachFromDisposeScope(), 1 / sy));
        return true;
    }

    /// <summary>H g [D] by the two-loop recursion (g itself when empty).</summary>
    public torch.Tensor Apply(torch.Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        var q = gradient.clone();
        var a = new double[_pairs.Count];
        for (var i = _pairs.Count - 1; i >= 0; i--)
        {
            a[i] = _pairs[i].Rho * _pairs[i].S.dot(q).ToDouble();
            q.add_(_pairs[i].Y, -a[i]);
        }
        if (_pairs.Count > 0)
        {
            var (s, y, _) = _pairs[^1];
            q.mul_(s.dot(y).ToDouble() / y.dot(y).ToDouble());
        }
        for (var i = 0; i < _pairs.Count; i++)
        {
            var b = _pairs[i].Rho * _pairs[i].Y.dot(q).ToDouble();
            q.add_(_pairs[i].S, a[i] - b);
        }
        return q.MoveToOuterDisposeScope();
    }

    public void Clear()
    {
        foreach (var (s, y, _) in _pairs)
        {
            s.Dispose();
            y.Dispose();
        }
        _pairs.Clear();
    }

    /// <summary>s and y stacked [k, D] (copies), or nothing when empty.</summary>
    public IEnumerable<KeyValuePair<string, torch.Tensor>> State()
    {
        if (_pairs.Count == 0) yield break;
        yield return new("s", torch.stack(_pairs.Select(p => p.S).ToArray(), 0));
        yield return new("y", torch.stack(_pairs.Select(p => p.Y).ToArray(), 0));
    }

    /// <summary>Restores pairs from stacked s and y [k, D].</summary>
    public void Load(torch.Tensor s, torch.Tensor y, torch.ScalarType dtype, torch.Device device)
    {
        Clear();
        for (var i = 0; i < s.shape[0]; i++)
        {
            using var scope = torch.NewDisposeScope();
            Add(s[i].to(dtype, device), y[i].to(dtype, device));
        }
    }

    public void Dispose() => Clear();
}
