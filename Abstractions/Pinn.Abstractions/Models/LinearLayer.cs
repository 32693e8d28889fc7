using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>z ↦ W z + b, batched as Z Wᵀ + b.</summary>
/// <param name="Weight">W [h_out, h_in], a leaf tensor that requires grad.</param>
/// <param name="Bias">b [h_out], a leaf tensor that requires grad.</param>
public sealed record LinearLayer(torch.Tensor Weight, torch.Tensor Bias)
{
    /// <summary>h_in.</summary>
    public int InputWidth => (int)Weight.shape[1];

    /// <summary>h_out.</summary>
    public int OutputWidth => (int)Weight.shape[0];

    /// <summary>Z [N, h_in] ↦ Z Wᵀ + b [N, h_out].</summary>
    public torch.Tensor Forward(torch.Tensor z) => torch.nn.functional.linear(z, Weight, Bias);
}
