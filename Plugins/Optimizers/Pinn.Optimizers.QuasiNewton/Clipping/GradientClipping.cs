using TorchSharp;

namespace Pinn.Optimizers.QuasiNewton.Clipping;

/// <summary>Clipping by global norm for L-BFGS's evaluations: g ← g·min(1, c/‖g‖₂) on the flat gradient [D].</summary>
internal static class GradientClipping
{
    /// <summary>The gradient, scaled down to norm <paramref name="maxNorm"/> when it is longer (unchanged when null).</summary>
    public static torch.Tensor Clip(torch.Tensor gradient, double? maxNorm)
    {
        if (maxNorm is not { } c) return gradient;
        var norm = gradient.norm().ToDouble();
        return norm > c ? gradient * (c / norm) : gradient;
    }
}
