using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// An engine that can record a <see cref="LayerTape"/> while it evaluates, so that the residual model
/// gets the exact per-residual Jacobian, Jv and Jᵀu from one backward pass.
/// </summary>
public interface ITapingDerivativeEngine : IDerivativeEngine
{
    /// <summary>As <see cref="IDerivativeEngine.Evaluate"/> with differentiable results, recording every
    /// linear layer of <paramref name="model"/> on <paramref name="tape"/> (one entry per layer, in order).</summary>
    Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape tape);
}
