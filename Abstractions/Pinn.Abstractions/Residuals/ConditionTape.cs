using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>One condition's part of a <see cref="ITapedLinearization"/>.</summary>
/// <param name="Points">N, the condition's points.</param>
/// <param name="Components">k, residual components per point (rows n·k + j of the block).</param>
/// <param name="Layers">Per linear layer of the network, input to output.</param>
/// <param name="Extras">Per residual component, ∂r/∂λ for the problem's extra parameters [N, L]; null when there are none.</param>
public sealed record ConditionTape(long Points, int Components, IReadOnlyList<TapedLayerGradients> Layers, IReadOnlyList<torch.Tensor>? Extras);

/// <summary>One linear layer of one condition: what its Jacobian block is made of,
/// Jₙ = Σ_s g_{n,s} ⊗ Z_in_{n,s} for the weight (row-major [h_out, h_in]) and g_{n,BiasColumn} for the bias.</summary>
/// <param name="Inputs">Z_in [N, S, h_in]: the S stacked columns that share the layer's weight (value, then derivative columns).</param>
/// <param name="Gradients">Per residual component j, g = ∂(Σₙ r_{n,j})/∂Z_out [N, S, h_out], of the scaled residual (√(w/N) included).</param>
/// <param name="BiasColumn">The column the bias acts on.</param>
public sealed record TapedLayerGradients(torch.Tensor Inputs, IReadOnlyList<torch.Tensor> Gradients, int BiasColumn);
