using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// What a forward-mode engine records for every linear layer: the S columns that share its weight
/// (the value, then the propagated derivative columns) stacked per point. With g = ∂r/∂Z_out, the
/// layer's Jacobian rows are Jₙ = Σ_s g_{n,s} Z_in_{n,s}ᵀ, its bias part the value column of g.
/// </summary>
public sealed class LayerTape
{
    private readonly List<TapedLayer> _layers = [];

    /// <summary>The layers recorded, input to output.</summary>
    public IReadOnlyList<TapedLayer> Layers => _layers;

    /// <summary>Adds a layer's stacked input and output.</summary>
    /// <param name="inputs">Z_in [N, S, h_in]; only its values are used.</param>
    /// <param name="outputs">Z_out [N, S, h_out] = Z_in Wᵀ (+ b on column <paramref name="biasColumn"/>), part of the autograd graph.</param>
    /// <param name="biasColumn">The column the bias is added to (the value column).</param>
    public void Record(torch.Tensor inputs, torch.Tensor outputs, int biasColumn = 0)
    {
        if (inputs.dim() != 3 || outputs.dim() != 3 || inputs.shape[0] != outputs.shape[0] || inputs.shape[1] != outputs.shape[1])
            throw new ArgumentException($"tape: expected Z_in [N, S, h_in] and Z_out [N, S, h_out], got [{string.Join(", ", inputs.shape)}] "
                                        + $"and [{string.Join(", ", outputs.shape)}]");
        _layers.Add(new TapedLayer(inputs, outputs, biasColumn));
    }

    /// <summary>Moves the recorded tensors to the dispose scope outside the current one: engines call it
    /// before their own scope ends, so the tape outlives the evaluation that recorded it.</summary>
    public void MoveToOuterDisposeScope()
    {
        foreach (var layer in _layers)
        {
            layer.Inputs.MoveToOuterDisposeScope();
            layer.Outputs.MoveToOuterDisposeScope();
        }
    }
}

/// <summary>One linear layer's record.</summary>
/// <param name="Inputs">Z_in [N, S, h_in].</param>
/// <param name="Outputs">Z_out [N, S, h_out].</param>
/// <param name="BiasColumn">The column the bias acts on.</param>
public sealed record TapedLayer(torch.Tensor Inputs, torch.Tensor Outputs, int BiasColumn);
