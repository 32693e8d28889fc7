using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>Computes derivatives of the network with respect to its inputs.</summary>
public interface IDerivativeEngine
{
    /// <summary>Why the engine cannot compute <paramref name="key"/>, or null when it can.</summary>
    string? Unsupported(DerivativeKey key);

    /// <summary>Why the engine cannot differentiate <paramref name="network"/>, or null when it can. The default refuses
    /// networks with an <see cref="Mlp.Embedding"/> or <see cref="Mlp.Slopes"/>: an engine that walks <see cref="Mlp.Layers"/>
    /// itself must push its derivatives through the embedding first (as a layer and an activation without a tape entry) and
    /// multiply each pre-activation block by <see cref="Mlp.SlopeScale"/> (bias included, in the graph), and then say so
    /// by overriding this. An engine that differentiates <see cref="Mlp.Forward"/> serves every network. Reflections
    /// (<see cref="Mlp.Reflections"/>) need nothing from an engine: the residual model evaluates it on the raw network at the
    /// mirrored points. Since 1.8.</summary>
    string? UnsupportedNetwork(Mlp network)
        => network.Embedding is null && network.Adaptive is null ? null
           : $"{GetType().Name} was written before input embeddings and adaptive activations existed and does not declare that it serves them";

    /// <summary>
    /// Evaluates every quantity of <paramref name="request"/> at the points x [N, d].
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="x">Points [N, d], any requires_grad state; not modified.</param>
    /// <param name="request">What to compute; every key must be supported. A key restricted to some output
    /// components (<see cref="DerivativeRequest.OutputsOf"/>) needs only those: an engine should skip the work for
    /// the others, and must refuse components ≥ m (<see cref="DerivativeRequest.OutputsBeyond"/>).</param>
    /// <param name="differentiable">True when the results must carry an autograd graph to the
    /// network's parameters (training); false for evaluation and line searches, where an engine should
    /// do as little autograd work as it can and return detached tensors.</param>
    /// <returns>One tensor [N, m_k] per key: the requested components' columns in ascending order, all m for an
    /// unrestricted key (build it with <see cref="Derivatives(IReadOnlyDictionary{DerivativeKey, torch.Tensor}, DerivativeRequest)"/>).
    /// An engine written before restrictions existed returns [N, m] for every key; callers such as the residual model
    /// and <see cref="Derivatives.Output"/> accept that too.</returns>
    Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable);
}
