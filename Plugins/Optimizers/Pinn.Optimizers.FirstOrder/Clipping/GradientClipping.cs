using TorchSharp;

namespace Pinn.Optimizers.FirstOrder.Clipping;

/// <summary>Clipping by global norm: g ← g·min(1, c/‖g‖₂) on the whole flat gradient [D], so its direction is kept.</summary>
internal static class GradientClipping
{
    /// <summary>The clipped gradient (the same tensor when <paramref name="maxNorm"/> is null or not exceeded); the norm before
    /// clipping goes to <paramref name="diagnostics"/> as <c>unclippedGradientNorm</c>.</summary>
    public static torch.Tensor Clip(torch.Tensor gradient, double? maxNorm, Dictionary<string, double> diagnostics)
    {
        if (maxNorm is not { } c) return gradient;
        var norm = gradient.norm().ToDouble();
        diagnostics["unclippedGradientNorm"] = norm;
        return norm > c ? gradient * (c / norm) : gradient;
    }
}
