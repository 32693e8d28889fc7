using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.Stacking;

/// <summary>
/// A linear layer applied to S stacked columns at once: Z_out = Z_in Wᵀ with the bias on the value
/// column (column 0) only, since derivatives of the bias vanish. One matmul for all columns.
/// </summary>
internal static class StackedLinear
{
    /// <param name="layer">The layer.</param>
    /// <param name="z">Z_in [N, S, h_in].</param>
    /// <param name="tape">Where to record Z_in and Z_out, or null.</param>
    /// <returns>Z_out [N, S, h_out].</returns>
    public static torch.Tensor Apply(LinearLayer layer, torch.Tensor z, LayerTape? tape)
    {
        var columns = z.shape[1];
        var output = torch.matmul(z, layer.Weight.t());
        // [1, h] padded to [S, h] with zero rows: the bias lands on column 0 by broadcasting.
        var bias = columns == 1 ? layer.Bias.unsqueeze(0) : torch.nn.functional.pad(layer.Bias.unsqueeze(0), [0, 0, 0, columns - 1]);
        output = output + bias;
        tape?.Record(z, output);
        return output;
    }
}
