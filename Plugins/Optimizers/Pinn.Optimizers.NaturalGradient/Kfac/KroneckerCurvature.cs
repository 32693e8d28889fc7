using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// The KFAC approximation of the Gramian, kept across steps: exponential moving averages Â ← βÂ + (1 − β)A,
/// B̂ ← βB̂ + (1 − β)B of every layer's factors per group of conditions, damped by λI, and per layer the inverse
/// of (B̂₀ + λI) ⊗ (Â₀ + λI) + (B̂₁ + λI) ⊗ (Â₁ + λI) through generalised eigenbases. The problem's extra
/// parameters (if any) get the diagonal of the exact Gramian plus λ. Factors and inverses are refreshed every
/// <c>refreshEvery</c> calls of <see cref="Update"/>.
/// </summary>
internal sealed class KroneckerCurvature(double beta, double damping, FactorInitialization initialization, int refreshEvery) : IDisposable
{
    private torch.Tensor[][]? _a;           // [layer][group] Â
    private torch.Tensor[][]? _b;           // [layer][group] B̂
    private KroneckerSumInverse[]? _inverses;
    private torch.Tensor? _extraDiagonal;   // [L]
    private long _updates;

    /// <summary>Folds the factors of <paramref name="linearization"/> into the averages when a refresh is due
    /// (the first call and every refreshEvery-th after it), and rebuilds the inverses.</summary>
    public void Update(ITapedLinearization linearization)
    {
        var refresh = _updates % refreshEvery == 0 || _inverses is null;
        _updates++;
        if (!refresh) return;
        var groups = KroneckerFactors.Groups(linearization.Conditions);
        var factors = KroneckerFactors.Compute(linearization, groups);
        using (var scope = torch.NewDisposeScope())
        {
            if (_a is null || _a.Length != factors.Length || _a[0].Length != factors[0].Length)
            {
                DisposeAverages();
                _a = factors.Select(layer => layer.Select(f => Initial(f.A)).ToArray()).ToArray();
                _b = factors.Select(layer => layer.Select(f => Initial(f.B)).ToArray()).ToArray();
            }
            for (var l = 0; l < factors.Length; l++)
            for (var g = 0; g < factors[l].Length; g++)
            {
                _a[l][g].mul_(beta).add_(factors[l][g].A, 1 - beta);
                _b![l][g].mul_(beta).add_(factors[l][g].B, 1 - beta);
                factors[l][g].A.Dispose();
                factors[l][g].B.Dispose();
            }
        }
        RebuildInverses();
        _extraDiagonal?.Dispose();
        _extraDiagonal = ExtraDiagonal(linearization);
    }

    /// <summary>The preconditioned gradient P⁻¹ ∇L [D] (layer blocks in the flat order W₀, b₀, W₁, b₁, …, extras last).</summary>
    public torch.Tensor Precondition(torch.Tensor gradient)
    {
        if (_inverses is null) throw new InvalidOperationException("no curvature yet: call Update first");
        using var scope = torch.NewDisposeScope();
        var parts = new List<torch.Tensor>();
        long offset = 0;
        for (var l = 0; l < _inverses.Length; l++)
        {
            var hOut = _b![l][0].shape[0];
            var hIn = _a![l][0].shape[0] - 1;
            var w = gradient.narrow(0, offset, hOut * hIn).view(hOut, hIn);
            var bias = gradient.narrow(0, offset + hOut * hIn, hOut).view(hOut, 1);
            var x = _inverses[l].Apply(torch.cat([w, bias], 1));                       // [h_out, h_in + 1]
            parts.Add(x[.., ..(int)hIn].reshape(-1));
            parts.Add(x[.., (int)hIn]);
            offset += hOut * (hIn + 1);
        }
        if (offset < gradient.shape[0])
        {
            var extra = gradient.narrow(0, offset, gradient.shape[0] - offset);
            parts.Add(_extraDiagonal is null ? extra / damping : extra / _extraDiagonal);
        }
        return torch.cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The averaged factors by name (A{layer}.{group}, B{layer}.{group}) and the update count, as copies.</summary>
    public Dictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor> { ["curvatureUpdates"] = torch.tensor(_updates, torch.int64) };
        if (_a is null) return state;
        for (var l = 0; l < _a.Length; l++)
        for (var g = 0; g < _a[l].Length; g++)
        {
            state[$"A{l}.{g}"] = _a[l][g].clone();
            state[$"B{l}.{g}"] = _b![l][g].clone();
        }
        if (_extraDiagonal is not null) state["extraDiagonal"] = _extraDiagonal.clone();
        return state;
    }

    /// <summary>Restores what <see cref="StateDict"/> wrote and rebuilds the inverses from it.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _updates = state["curvatureUpdates"].item<long>();
        if (!state.ContainsKey("A0.0")) return;
        DisposeAverages();
        var layers = state.Keys.Count(k => k.StartsWith('A') && k.EndsWith(".0"));
        var groups = state.Keys.Count(k => k.StartsWith("A0."));
        _a = Enumerable.Range(0, layers).Select(l => Enumerable.Range(0, groups).Select(g => state[$"A{l}.{g}"].clone().DetachFromDisposeScope()).ToArray()).ToArray();
        _b = Enumerable.Range(0, layers).Select(l => Enumerable.Range(0, groups).Select(g => state[$"B{l}.{g}"].clone().DetachFromDisposeScope()).ToArray()).ToArray();
        _extraDiagonal = state.TryGetValue("extraDiagonal", out var e) ? e.clone().DetachFromDisposeScope() : null;
        RebuildInverses();
    }

    private torch.Tensor Initial(torch.Tensor like)
        => (initialization == FactorInitialization.Identity
            ? torch.eye(like.shape[0], dtype: like.dtype, device: like.device)
            : torch.zeros_like(like)).DetachFromDisposeScope();

    private void RebuildInverses()
    {
        if (_inverses is not null) foreach (var inverse in _inverses) inverse.Dispose();
        using var scope = torch.NewDisposeScope();
        _inverses = new KroneckerSumInverse[_a!.Length];
        for (var l = 0; l < _a.Length; l++)
        {
            var a = _a[l].Select(Damped).ToArray();
            var b = _b![l].Select(Damped).ToArray();
            _inverses[l] = KroneckerSumInverse.Of(a[0], b[0], a.Length > 1 ? a[1] : null, b.Length > 1 ? b[1] : null);
        }
    }

    private torch.Tensor Damped(torch.Tensor factor) => factor + damping * torch.eye(factor.shape[0], dtype: factor.dtype, device: factor.device);

    /// <summary>diag(JᵀJ) + λ over the extra parameters [L], or null when there are none.</summary>
    private torch.Tensor? ExtraDiagonal(ITapedLinearization linearization)
    {
        var extras = linearization.Conditions.Where(c => c.Extras is not null).SelectMany(c => c.Extras!).ToArray();
        if (extras.Length == 0) return null;
        using var scope = torch.NewDisposeScope();
        return (extras.Select(e => e.square().sum([0L])).Aggregate((x, y) => x + y) + damping).DetachFromDisposeScope();
    }

    private void DisposeAverages()
    {
        foreach (var t in (_a ?? []).SelectMany(x => x).Concat((_b ?? []).SelectMany(x => x))) t.Dispose();
        _a = _b = null;
    }

    public void Dispose()
    {
        DisposeAverages();
        if (_inverses is not null) foreach (var inverse in _inverses) inverse.Dispose();
        _extraDiagonal?.Dispose();
    }
}
