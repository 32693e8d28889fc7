using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The exact Jacobian from layer tapes. For each condition and residual component one backward pass of
/// Σₙ rₙ gives g = ∂r/∂Z_out for every point at once (rₙ depends only on point n); then per linear layer
/// Jₙ = Σ_s g_{n,s} Z_in_{n,s}ᵀ and the bias part is g's bias column. Jv and Jᵀu are contractions of
/// the same g and Z_in, without forming J. Columns of extra problem parameters come from the
/// double-backward trick, one backward pass per scalar.
/// </summary>
internal sealed class TapedLinearization : ITapedLinearization
{
    /// <summary>One residual component of one condition: its g and Z_in per layer, and its extra-parameter columns.</summary>
    private sealed record Component(torch.Tensor[] G, torch.Tensor? Extras);

    /// <summary>A condition's block: N points × k components, rows interleaved as n·k + j.</summary>
    private sealed record Block(long Points, int Components, torch.Tensor[] Inputs, int[] BiasColumns, Component[] Parts);

    private readonly List<Block> _blocks = [];
    private readonly Mlp _network;
    private readonly long _networkCount;
    private readonly long _extraCount;
    private readonly List<torch.Tensor> _owned = [];

    private TapedLinearization(Mlp network, long extraCount)
    {
        _network = network;
        _networkCount = network.ParameterCount;
        _extraCount = extraCount;
    }

    public torch.Tensor Residuals { get; private set; } = null!;

    /// <inheritdoc />
    public IReadOnlyList<ConditionTape> Conditions => _conditions ??= _blocks.Select(b => new ConditionTape(
        b.Points, b.Components,
        b.Inputs.Select((z, l) => new TapedLayerGradients(z, b.Parts.Select(p => p.G[l]).ToArray(), b.BiasColumns[l])).ToArray(),
        _extraCount > 0 ? b.Parts.Select(p => p.Extras!).ToArray() : null)).ToArray();

    private ConditionTape[]? _conditions;

    /// <summary>Evaluates every condition with a tape and extracts g.</summary>
    /// <param name="network">u_θ.</param>
    /// <param name="extras">Extra problem parameters, flat-vector order.</param>
    /// <param name="conditions">For each condition: a function that evaluates its scaled residual [N, k] while recording on the tape.</param>
    public static TapedLinearization Build(Mlp network, IReadOnlyList<torch.Tensor> extras, IEnumerable<Func<LayerTape, torch.Tensor>> conditions)
    {
        var result = new TapedLinearization(network, extras.Sum(e => e.numel()));
        var residuals = new List<torch.Tensor>();
        foreach (var evaluate in conditions)
        {
            using var scope = torch.NewDisposeScope();
            var tape = new LayerTape();
            var r = evaluate(tape);                                           // [N, k], scaled
            if (tape.Layers.Count != network.Layers.Count)
                throw new InvalidOperationException($"the engine recorded {tape.Layers.Count} layers, the network has {network.Layers.Count}");
            var outputs = tape.Layers.Select(t => t.Outputs).ToArray();
            var anchor = outputs.Select(o => o.sum()).Aggregate((a, b) => a + b) * 0.0;
            var parts = new Component[r.shape[1]];
            for (var j = 0; j < parts.Length; j++)
            {
                var column = r[.., j];
                var g = torch.autograd.grad([column.sum() + anchor], outputs, retain_graph: true).Select(t => t.detach().MoveToOuterDisposeScope()).ToArray();
                parts[j] = new Component(g, extras.Count == 0 ? null : ExtraColumns(column, extras)?.MoveToOuterDisposeScope());
            }
            var inputs = tape.Layers.Select(t => t.Inputs.detach().MoveToOuterDisposeScope()).ToArray();
            result._blocks.Add(new Block(r.shape[0], (int)r.shape[1], inputs, tape.Layers.Select(t => t.BiasColumn).ToArray(), parts));
            residuals.Add(r.detach().reshape(-1).MoveToOuterDisposeScope());
            result._owned.AddRange(inputs);
            result._owned.AddRange(parts.SelectMany(p => p.Extras is null ? p.G : [.. p.G, p.Extras]));
        }
        result.Residuals = torch.cat(residuals, 0);
        result._owned.AddRange(residuals);
        return result;
    }

    /// <summary>∂rₙ/∂λᵢ for every n and every scalar λᵢ of the extra parameters: [N, L].</summary>
    private static torch.Tensor ExtraColumns(torch.Tensor column, IReadOnlyList<torch.Tensor> extras)
    {
        var u = torch.zeros_like(column).requires_grad_();
        var anchor = extras.Select(e => e.sum()).Aggregate((a, b) => a + b) * 0.0;
        var weighted = torch.autograd.grad([(column * u).sum() + anchor], extras.ToArray(), retain_graph: true, create_graph: true);
        var flat = AutogradLinearization.Flatten(weighted);
        var columns = new torch.Tensor[flat.shape[0]];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = torch.autograd.grad([flat[i] + u.sum() * 0.0], [u], retain_graph: true)[0].detach();
        return torch.stack(columns, 1);
    }

    private long Count => _networkCount + _extraCount;

    /// <summary>One layer's tape over every condition and component as rows: G [R, h_out] and Z_in [R, h_in]
    /// for the R = Σ N·S (point, column) pairs, the residual each row belongs to [R], and the bias part of J
    /// for that layer [M, h_out] (the value column's g).</summary>
    private sealed record LayerRows(torch.Tensor G, torch.Tensor Inputs, torch.Tensor Residual, torch.Tensor BiasJacobian);

    private LayerRows[]? _rows;
    private torch.Tensor? _extraJacobian;

    /// <summary>Lays the tapes out as rows once, so J v and Jᵀ u are a few large operations per layer whatever
    /// the number of conditions and components (iterative solvers call them hundreds of times per step).</summary>
    private LayerRows[] Rows()
    {
        if (_rows is not null) return _rows;
        using var scope = torch.NewDisposeScope();
        var layers = _network.Layers.Count;
        var rows = new LayerRows[layers];
        var device = Residuals.device;
        for (var l = 0; l < layers; l++)
        {
            var g = new List<torch.Tensor>();
            var inputs = new List<torch.Tensor>();
            var residual = new List<torch.Tensor>();
            var bias = new List<torch.Tensor>();
            long offset = 0;
            foreach (var block in _blocks)
            {
                var columns = block.Inputs[l].shape[1];
                var z = block.Inputs[l].reshape(block.Points * columns, -1);
                var biasParts = new torch.Tensor[block.Components];
                for (var j = 0; j < block.Components; j++)
                {
                    var gj = block.Parts[j].G[l];
                    g.Add(gj.reshape(block.Points * columns, -1));
                    inputs.Add(z);
                    residual.Add((torch.arange(block.Points, torch.int64, device) * block.Components + (offset + j)).repeat_interleave(columns));
                    biasParts[j] = gj[.., block.BiasColumns[l], ..];
                }
                bias.Add(torch.stack(biasParts, 1).reshape(block.Points * block.Components, -1));
                offset += block.Points * block.Components;
            }
            // Owned by this linearisation (freed in Dispose), not by the caller's scope.
            rows[l] = new LayerRows(torch.cat(g, 0).DetachFromDisposeScope(), torch.cat(inputs, 0).DetachFromDisposeScope(),
                                    torch.cat(residual, 0).DetachFromDisposeScope(), torch.cat(bias, 0).DetachFromDisposeScope());
            _owned.AddRange([rows[l].G, rows[l].Inputs, rows[l].Residual, rows[l].BiasJacobian]);
        }
        if (_extraCount > 0)
        {
            _extraJacobian = torch.cat(_blocks.Select(b => torch.stack(b.Parts.Select(p => p.Extras!).ToArray(), 1).reshape(b.Points * b.Components, -1)).ToArray(), 0)
                .DetachFromDisposeScope();
            _owned.Add(_extraJacobian);
        }
        return _rows = rows;
    }

    public torch.Tensor Times(torch.Tensor v)
    {
        ShapeChecks.Vector(v, Count, nameof(v));
        using var scope = torch.NewDisposeScope();
        var rows = Rows();
        var (weights, biases, extra) = Split(v);
        var result = torch.zeros(Residuals.shape[0], Residuals.dtype, Residuals.device);
        for (var l = 0; l < rows.Length; l++)
        {
            var perRow = (rows[l].Inputs.matmul(weights[l].t()) * rows[l].G).sum([1L]);       // [R]
            result.index_add_(0, rows[l].Residual, perRow, 1.0);
            result.add_(rows[l].BiasJacobian.matmul(biases[l]));
        }
        if (extra is not null) result.add_(_extraJacobian!.matmul(extra));
        return result.MoveToOuterDisposeScope();
    }

    public torch.Tensor TransposeTimes(torch.Tensor u)
    {
        ShapeChecks.Vector(u, Residuals.shape[0], nameof(u));
        using var scope = torch.NewDisposeScope();
        var rows = Rows();
        var flat = new List<torch.Tensor>();
        for (var l = 0; l < rows.Length; l++)
        {
            var weighted = rows[l].G * u.index_select(0, rows[l].Residual).unsqueeze(1);        // [R, h_out]
            flat.Add(weighted.t().matmul(rows[l].Inputs).reshape(-1));
            flat.Add(rows[l].BiasJacobian.t().matmul(u));
        }
        if (_extraJacobian is not null) flat.Add(_extraJacobian.t().matmul(u));
        return torch.cat(flat, 0).MoveToOuterDisposeScope();
    }

    public torch.Tensor Dense()
    {
        using var scope = torch.NewDisposeScope();
        var rows = new List<torch.Tensor>();
        foreach (var block in _blocks)
        {
            var components = new torch.Tensor[block.Components];
            for (var j = 0; j < block.Components; j++)
            {
                var part = block.Parts[j];
                var columns = new List<torch.Tensor>();
                for (var l = 0; l < part.G.Length; l++)
                {
                    columns.Add(torch.einsum("nso,nsi->noi", part.G[l], block.Inputs[l]).reshape(block.Points, -1));
                    columns.Add(part.G[l][.., block.BiasColumns[l], ..]);
                }
                if (part.Extras is { } e) columns.Add(e);
                components[j] = torch.cat(columns, 1);                                        // [N, D]
            }
            rows.Add(torch.stack(components, 1).reshape(block.Points * block.Components, -1));
        }
        return torch.cat(rows, 0).MoveToOuterDisposeScope();
    }

    /// <summary>v [D] as per-layer W [h_out, h_in] and b [h_out] views, and the extra part.</summary>
    private (torch.Tensor[] Weights, torch.Tensor[] Biases, torch.Tensor? Extra) Split(torch.Tensor v)
    {
        var layers = _network.Layers;
        var weights = new torch.Tensor[layers.Count];
        var biases = new torch.Tensor[layers.Count];
        long offset = 0;
        for (var l = 0; l < layers.Count; l++)
        {
            var w = layers[l].Weight;
            weights[l] = v.narrow(0, offset, w.numel()).view(w.shape);
            offset += w.numel();
            biases[l] = v.narrow(0, offset, layers[l].Bias.numel());
            offset += layers[l].Bias.numel();
        }
        return (weights, biases, _extraCount > 0 ? v.narrow(0, offset, _extraCount) : null);
    }

    public void Dispose()
    {
        foreach (var t in _owned) t.Dispose();
        _owned.Clear();
        Residuals?.Dispose();
    }
}
