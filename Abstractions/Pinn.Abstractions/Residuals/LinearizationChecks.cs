using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>Shape checks of vectors handed to the residual model and its linearisations.</summary>
internal static class LinearizationChecks
{
    public static void Vector(torch.Tensor v, long length, string name)
    {
        if (v.dim() != 1 || v.shape[0] != length)
            throw new ArgumentException($"{name}: expected a vector [{length}], got [{string.Join(", ", v.shape)}]");
    }
}
