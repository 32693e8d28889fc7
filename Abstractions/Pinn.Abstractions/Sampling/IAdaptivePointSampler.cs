using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Sampling;

/// <summary>
/// A sampler that places points by the current residual (RAD, RAR-D, …). The host draws a condition's
/// first points at step 0 with <see cref="IPointSampler.Sample"/> and afterwards, at the condition's
/// <c>resampleEvery</c> cadence (before the optimizer's step), calls <see cref="Resample"/> with the
/// condition's current points and a probe of its residual at the current θ. The points returned replace
/// the condition's points; their number may differ from the manifest's count (a refining sampler grows
/// the set), and checkpoints keep them as they are.
/// </summary>
public interface IAdaptivePointSampler : IPointSampler
{
    /// <summary>The condition's next points: [N', domain.Dimension] in the run's dtype and device, a new
    /// tensor the caller owns (never <paramref name="current"/> itself).</summary>
    /// <param name="domain">The condition's domain.</param>
    /// <param name="count">The condition's point count from the manifest, N ≥ 1.</param>
    /// <param name="current">The condition's points now [N_now, d]; read only, owned by the caller.</param>
    /// <param name="residual">|ε| of the condition at the current θ, at any points of the domain.</param>
    /// <param name="generator">A CPU generator: every random draw comes from it, so the points depend only on
    /// its state, <paramref name="current"/> and the residual.</param>
    torch.Tensor Resample(IDomain domain, int count, torch.Tensor current, ResidualProbe residual, torch.Generator generator);
}
