using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The training problem as nonlinear least squares: r(θ) ∈ R^M stacks every condition's residuals, each
/// block scaled by √(w_c / N_c), so L(θ) = ½‖r‖². Optimizers talk only to this. θ ∈ R^D is the flat
/// vector of the network's parameters (W₀, b₀, W₁, b₁, …) followed by the problem's extra parameters.
/// Vectors are 1-d tensors in <see cref="Spec"/>'s dtype and device.
/// </summary>
public interface IResidualModel
{
    /// <summary>dtype and device of every tensor.</summary>
    TensorSpec Spec { get; }

    /// <summary>D.</summary>
    long ParameterCount { get; }

    /// <summary>M at the current points.</summary>
    long ResidualCount { get; }

    /// <summary>Where each condition's residuals sit in r. A new list whenever the points change, so an
    /// optimizer can tell by reference whether a value it computed earlier is still valid.</summary>
    IReadOnlyList<ResidualBlock> Blocks { get; }

    /// <summary>θ [D], a detached copy.</summary>
    torch.Tensor GetParameters();

    /// <summary>θ ← <paramref name="theta"/> [D].</summary>
    void SetParameters(torch.Tensor theta);

    /// <summary>θ ← θ + α·direction, direction [D].</summary>
    void AddToParameters(torch.Tensor direction, double alpha);

    /// <summary>r [M]; with <paramref name="differentiable"/> it carries the autograd graph to θ.</summary>
    torch.Tensor Residuals(bool differentiable);

    /// <summary>L = ½‖r‖² and each condition's part, computed without a graph.</summary>
    LossReport Loss();

    /// <summary>L and ∇L = Jᵀr [D].</summary>
    (LossReport Loss, torch.Tensor Gradient) LossAndGradient();

    /// <summary>L(θ + s·direction) for every s in <paramref name="stepSizes"/> (θ is left unchanged):
    /// the primitive of line searches. Returns [K] for K step sizes.</summary>
    torch.Tensor LossesAlong(torch.Tensor direction, IReadOnlyList<double> stepSizes);

    /// <summary>r and J at the current θ as an operator that iterative solvers reuse (one backward pass
    /// to build, then J v and Jᵀ u cost about a forward pass each). Dispose it after the step.</summary>
    ILinearization Linearize();

    /// <summary>J = ∂r/∂θ [M, D].</summary>
    torch.Tensor Jacobian();

    /// <summary>J v [M] for v [D], without forming J.</summary>
    torch.Tensor JacobianTimes(torch.Tensor v);

    /// <summary>Jᵀ u [D] for u [M], without forming J.</summary>
    torch.Tensor JacobianTransposeTimes(torch.Tensor u);
}
