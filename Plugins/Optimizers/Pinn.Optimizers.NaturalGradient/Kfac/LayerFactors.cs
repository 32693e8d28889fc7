using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>One layer's Kronecker factors for one group of conditions.</summary>
/// <param name="A">A [h_in + 1, h_in + 1]: second moment of the layer inputs, the bias as a last input that is
/// 1 on the bias column and 0 on the derivative columns.</param>
/// <param name="B">B [h_out, h_out]: Σ g gᵀ of the output gradients of the scaled residuals.</param>
internal sealed record LayerFactors(torch.Tensor A, torch.Tensor B);
