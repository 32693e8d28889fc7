using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.Stacking;

/// <summary>
/// A linear layer applied to S stacked columns at once: one matmul Z_in Wᵀ for all columns. The bias acts
/// on the value column (column 0) only, since derivatives of a constant vanish; it is left to the
/// consumer (<see cref="ValueWithBias"/>, or the activation step), so no pass over the whole block adds it.
/// The tape records the bias-free output: the gradient with respect to it is the same.
/// </summary>
internal static class StackedLinear
{
    /// <param name="layer">The layer.</param>
    /// <param name="z">Z_in [N, S, h_in].</param>
    /// <param name="tape">Where to record Z_in and Z_out, or null.</param>
    /// <returns>Z_in Wᵀ [N, S, h_out], without the bias.</returns>
    public static torch.Tensor Apply(LinearLayer layer, torch.Tensor z, LayerTape? tape)
    {
        var output = torch.matmul(z, layer.Weight.t());
        tape?.Record(z, output);
        return output;
    }

    /// <summary>The value column of a bias-free output plus the bias: [N, h_out].</summary>
    public static torch.Tensor ValueWithBias(LinearLayer layer, torch.Tensor output) => output[.., 0, ..] + layer.Bias;
}
