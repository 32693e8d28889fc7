namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// A second-order operator Σ cᵢⱼ ∂ᵢⱼ written through the eigen-decomposition C = Σₖ λₖ vₖ vₖᵀ as
/// Σₖ λₖ ∂²/∂vₖ²: the indices of its directions in the plan and their weights λₖ.
/// </summary>
internal sealed record CollapsedOperator(int[] Directions, double[] Weights);
