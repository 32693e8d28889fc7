using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Weighting;

/// <summary>
/// What a <see cref="ILossWeighting"/> may ask of the residual model at the current θ. Every quantity is of the
/// condition's term as the manifest weighs it (w_c included) and without the scheme's own multiplier λ_c and point
/// weights, so a scheme reasons about the problem as the user stated it. Each method computes on demand: a scheme pays
/// only for what it asks. Tensors returned are the caller's (detached, in <see cref="Spec"/>'s dtype and device).
/// </summary>
public interface IWeightingContext
{
    /// <summary>dtype and device of every tensor.</summary>
    TensorSpec Spec { get; }

    /// <summary>Steps taken so far (0 before the first).</summary>
    long Step { get; }

    /// <summary>Whether any condition's points were drawn afresh since the last call (their point weights, if any, were
    /// dropped with the old points: a scheme that sets point weights sets them again).</summary>
    bool PointsChanged { get; }

    /// <summary>The problem's conditions in residual order.</summary>
    IReadOnlyList<Condition> Conditions { get; }

    /// <summary>λ_c by condition name: the multipliers in force.</summary>
    IReadOnlyDictionary<string, double> Multipliers { get; }

    /// <summary>w_c L_c = ½ w_c mean_i |ε_{c,i}|²: condition <paramref name="condition"/>'s loss.</summary>
    double Loss(string condition);

    /// <summary>∇_θ (w_c L_c) [D]: the gradient of the condition's loss with respect to every trainable parameter.</summary>
    torch.Tensor Gradient(string condition);

    /// <summary>The trace of the condition's neural tangent kernel per point,
    /// w_c · (1/n) Σ_{i≤n} Σ_k ‖∂ε_{c,i,k}/∂θ‖² (units: residual² per parameter², summed over parameters), over the first
    /// n = min(N_c, <paramref name="maxPoints"/>) of its points (all of them for a point set, whose rows pair with data).</summary>
    double KernelTrace(string condition, int maxPoints);

    /// <summary>The condition's points x [N_c, d].</summary>
    torch.Tensor Points(string condition);

    /// <summary>w_c Σ_k ε_{c,i,k}² [N_c]: each point's squared residual, for schemes that weight points.</summary>
    torch.Tensor SquaredResiduals(string condition);
}
