using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The exact Jacobian from layer tapes. For each condition and residual component one backward pass of
/// Σₙ rₙ gives g = ∂r/∂Z_out for every point at once (rₙ depends only on point n); then per linear layer
/// Jₙ = Σ_s g_{n,s} Z_in_{n,s}ᵀ and the bias part is g's bias column. Jv and Jᵀu are contractions of
/// the same g and Z_in, block by block, without forming J or copying the tapes. Columns of extra problem
/// parameters come from the double-backward trick, one backward pass per scalar.
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
            var biasColumns = tape.Layers.Select(t => t.BiasColumn).ToArray();
            if (inputs[0].shape[0] != r.shape[0]) (inputs, biasColumns, parts) = Grouped(r.shape[0], inputs, biasColumns, parts);
            result._blocks.Add(new Block(r.shape[0], (int)r.shape[1], inputs, biasColumns, parts));
            residuals.Add(r.detach().reshape(-1).MoveToOuterDisposeScope());
            result._owned.AddRange(inputs);
            result._owned.AddRange(parts.SelectMany(p => p.Extras is null ? p.G : [.. p.G, p.Extras]));
        }
        result.Residuals = torch.cat(residuals, 0);
        result._owned.AddRange(residuals);
        return result;
    }

    /// <summary>
    /// A condition evaluated at R·N points for N residual rows (a periodic pair: its points, then their images):
    /// point n's R tape rows become R groups of columns of row n, [R·N, S, h] → [N, R·S, h], so that residual row n
    /// again depends on tape row n only. The bias then enters through R columns; their g is summed into one extra
    /// column with a zero input, which carries the bias part and adds nothing to the weight part.
    /// </summary>
    private static (torch.Tensor[] Inputs, int[] BiasColumns, Component[] Parts) Grouped(long rows, torch.Tensor[] inputs, int[] biasColumns, Component[] parts)
    {
        var tapeRows = inputs[0].shape[0];
        if (tapeRows % rows != 0)
            throw new InvalidOperationException($"the engine recorded {tapeRows} tape rows for a residual of {rows} rows");
        var groups = tapeRows / rows;
        torch.Tensor Merge(torch.Tensor t) => t.view(groups, rows, t.shape[1], t.shape[2]).permute(1, 0, 2, 3).reshape(rows, groups * t.shape[1], t.shape[2]);
        var merged = inputs.Select((z, l) =>
            torch.cat([Merge(z), torch.zeros([rows, 1, z.shape[2]], z.dtype, z.device)], 1).MoveToOuterDisposeScope()).ToArray();
        var columns = inputs.Select(z => (int)(groups * z.shape[1])).ToArray();
        var mergedParts = parts.Select(p => p with
        {
            G = p.G.Select((g, l) =>
            {
                var bias = g[.., biasColumns[l], ..].view(groups, rows, g.shape[2]).sum([0L]).unsqueeze(1);
                return torch.cat([Merge(g), bias], 1).MoveToOuterDisposeScope();
            }).ToArray(),
        }).ToArray();
        foreach (var t in inputs.Concat(parts.SelectMany(p => p.G))) t.Dispose();
        return (merged, columns, mergedParts);
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

    public torch.Tensor Times(torch.Tensor v)
    {
        ShapeChecks.Vector(v, Count, nameof(v));
        using var scope = torch.NewDisposeScope();
        var (weights, biases, extra) = Split(v);
        var blocks = new List<torch.Tensor>();
        foreach (var block in _blocks)
        {
            var components = new torch.Tensor[block.Components];
            for (var j = 0; j < block.Components; j++)
            {
                var part = block.Parts[j];
                torch.Tensor? sum = null;                                                     // [N]
                for (var l = 0; l < weights.Length; l++)
                {
                    var g = part.G[l];                                                        // [N, S, h_out]
                    var term = (block.Inputs[l].matmul(weights[l].t()) * g).sum([1L, 2L])
                               + g[.., block.BiasColumns[l], ..].matmul(biases[l]);
                    sum = sum is null ? term : sum + term;
                }
                if (extra is not null) sum = sum! + part.Extras!.matmul(extra);
                components[j] = sum!;
            }
            blocks.Add(torch.stack(components, 1).reshape(-1));                               // rows n·k + j
        }
        return torch.cat(blocks, 0).MoveToOuterDisposeScope();
    }

    public torch.Tensor TransposeTimes(torch.Tensor u)
    {
        ShapeChecks.Vector(u, Residuals.shape[0], nameof(u));
        using var scope = torch.NewDisposeScope();
        var layers = _network.Layers.Count;
        var weights = new torch.Tensor?[layers];
        var biases = new torch.Tensor?[layers];
        torch.Tensor? extra = null;
        long offset = 0;
        foreach (var block in _blocks)
        {
            var ub = u.narrow(0, offset, block.Points * block.Components).view(block.Points, block.Components);
            offset += block.Points * block.Components;
            for (var j = 0; j < block.Components; j++)
            {
                var part = block.Parts[j];
                var uj = ub[.., j];                                                           // [N]
                for (var l = 0; l < layers; l++)
                {
                    var g = part.G[l];                                                        // [N, S, h_out]
                    var z = block.Inputs[l];                                                  // [N, S, h_in]
                    var weighted = (g * uj.view(-1, 1, 1)).reshape(-1, g.shape[2]);
                    var w = weighted.t().matmul(z.reshape(-1, z.shape[2]));                   // [h_out, h_in]
                    var b = g[.., block.BiasColumns[l], ..].t().matmul(uj);                   // [h_out]
                    weights[l] = weights[l] is null ? w : weights[l]! + w;
                    biases[l] = biases[l] is null ? b : biases[l]! + b;
                }
                if (part.Extras is { } e) extra = extra is null ? e.t().matmul(uj) : extra + e.t().matmul(uj);
            }
        }
        var flat = new List<torch.Tensor>();
        for (var l = 0; l < layers; l++)
        {
            flat.Add(weights[l]!.reshape(-1));
            flat.Add(biases[l]!);
        }
        if (_extraCount > 0) flat.Add(extra!);
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
