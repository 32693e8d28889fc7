using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The residual model linearised at the current θ: r and the Jacobian J = ∂r/∂θ [M, D] as an operator.
/// Built once per step (one forward pass with tapes and one backward pass per residual component), then
/// J v and Jᵀ u cost about a forward pass each, so iterative solvers reuse it across iterations.
/// Dispose it to free what it holds. Use it before changing θ (e.g. by a line search): without tapes it
/// holds an autograd graph over the parameters, and libtorch refuses a graph whose inputs changed in place.
/// </summary>
public interface ILinearization : IDisposable
{
    /// <summary>r [M] at the point of linearisation (detached).</summary>
    torch.Tensor Residuals { get; }

    /// <summary>J v [M] for v [D].</summary>
    torch.Tensor Times(torch.Tensor v);

    /// <summary>Jᵀ u [D] for u [M].</summary>
    torch.Tensor TransposeTimes(torch.Tensor u);

    /// <summary>J [M, D], materialised.</summary>
    torch.Tensor Dense();
}
