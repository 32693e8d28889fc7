using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.Stacking;

/// <summary>
/// What the forward-mode engines share: input derivatives come from one forward pass, so evaluation
/// without parameter gradients runs entirely under no_grad; requests and points are checked before any
/// torch call; the tape variant propagates with the graph and records every linear layer.
/// </summary>
internal abstract class ForwardModeEngine : ITapingDerivativeEngine
{
    public abstract string? Unsupported(DerivativeKey key);

    /// <summary>Both engines push their columns through an input embedding like through a hidden layer (untaped) and scale each
    /// pre-activation block by its trainable slope. They walk the layers, which are the raw network of a network with
    /// reflections: its derivatives come from the residual model (or a trained model), which evaluates the raw network at the
    /// mirrored points and combines them, never from the engine called on it directly.</summary>
    public string? UnsupportedNetwork(Mlp network)
        => network.Reflections.Count == 0 ? null
           : "the network has reflections (model.symmetry): the residual model differentiates it with this engine at the mirrored points; "
             + "called directly the engine would differentiate the raw network";

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        Check(model, x, request);
        if (differentiable) return Propagate(model, x, request, tape: null);
        using var noGrad = torch.no_grad();
        return Propagate(model, x, request, tape: null);
    }

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape tape)
    {
        Check(model, x, request);
        return Propagate(model, x, request, tape);
    }

    /// <summary>The engine's forward pass over checked inputs; results [N, m_k] per key (see
    /// <see cref="RequestedOutputs"/>), the tape (if any) moved out of the pass's dispose scope.</summary>
    protected abstract Derivatives Propagate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape? tape);

    /// <summary>
    /// The columns of the output components <paramref name="request"/> names for <paramref name="key"/>, ascending:
    /// [N, m] → [N, m_k] (the result itself when all are requested). The forward pass carries every output
    /// through the shared trunk anyway; selecting after the last layer keeps the recorded tape exact, since the
    /// unselected outputs simply get a zero gradient.
    /// </summary>
    protected static torch.Tensor RequestedOutputs(torch.Tensor result, DerivativeRequest request, DerivativeKey key)
    {
        if (request.OutputsOf(key) is not { } components || components.Count == result.shape[1]) return result;
        if (components[^1] - components[0] + 1 == components.Count) return result.narrow(1, components[0], components.Count);
        return result.index_select(1, torch.tensor(components.Select(c => (long)c).ToArray(), torch.int64, result.device));
    }

    private void Check(Mlp model, torch.Tensor x, DerivativeRequest request)
    {
        foreach (var key in request.Keys)
            if (Unsupported(key) is { } why) throw new ArgumentException(why);
        if (x.dim() != 2 || x.shape[1] != model.InputDimension)
            throw new ArgumentException($"points: expected [N, {model.InputDimension}], got [{string.Join(", ", x.shape)}]");
        if (request.OutputsBeyond(model.OutputDimension) is { } beyond) throw new ArgumentException(beyond);
        if (UnsupportedNetwork(model) is { } network) throw new ArgumentException(network);
    }
}
