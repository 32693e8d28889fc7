using TorchSharp;

namespace Pinn.Samplers.Standard.ResidualAdaptive;

/// <summary>
/// The sampling density of Wu, Zhu, Tan, Kartha and Lu (CMAME 403, 2023), evaluated at candidate points:
/// p(x) ∝ |ε(x)|ᵏ / E[|ε|ᵏ] + c, with the expectation estimated by the mean over the candidates. k ≥ 0
/// sharpens the density towards large residuals (k = 0: uniform); c ≥ 0 mixes in the uniform density
/// (c → ∞: uniform).
/// </summary>
internal static class ResidualDensity
{
    /// <summary>
    /// Unnormalised weights [N] (float64, CPU) of the candidates from their residual sizes |ε| [N]. Where the
    /// density is not defined — a non-finite residual (a diverged network) or E[|ε|ᵏ] = 0 (every residual
    /// zero) — every candidate gets the same weight.
    /// </summary>
    public static torch.Tensor Weights(torch.Tensor magnitude, double k, double c)
    {
        using var scope = torch.NewDisposeScope();
        var e = magnitude.detach().to(torch.float64, torch.CPU).abs();
        var n = e.shape[0];
        if (!e.isfinite().all().item<bool>()) return torch.ones(n, torch.float64).MoveToOuterDisposeScope();
        var powered = e.pow(k);                       // pow(0, 0) = 1: k = 0 is uniform
        var mean = powered.mean().ToDouble();
        if (!(mean > 0) || !double.IsFinite(mean)) return torch.ones(n, torch.float64).MoveToOuterDisposeScope();
        return (powered / mean + c).MoveToOuterDisposeScope();
    }
}
