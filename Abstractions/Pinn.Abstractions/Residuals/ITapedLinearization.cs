namespace Pinn.Abstractions.Residuals;

/// <summary>
/// A linearisation built from layer tapes (engines such as <c>forward-laplacian</c> and <c>n-tangentprop</c>)
/// that also shows what it was built from: per condition and per linear layer, the stacked inputs Z_in and
/// the gradients g = ∂r/∂Z_out of each residual component. Kronecker-factored curvature (KFAC) is computed
/// from these without forming J. The tensors belong to the linearisation (valid until it is disposed).
/// </summary>
public interface ITapedLinearization : ILinearization
{
    /// <summary>One entry per condition, in the problem's order (the order of the blocks of r).</summary>
    IReadOnlyList<ConditionTape> Conditions { get; }
}
