using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.ResidualAdaptive;
using TorchSharp;

namespace Pinn.Samplers.Standard.Rad;

/// <summary>
/// Residual-based adaptive distribution (RAD, Wu et al. 2023): at every resampling, all N points of the
/// condition are replaced by N distinct points chosen among fresh candidates with probability ∝ p(x).
/// </summary>
internal sealed class RadSampler(RadOptions options, TensorSpec spec) : ResidualAdaptiveSampler(options, spec)
{
    /// <summary>The base sampler's points [count, d]; refuses a count above the option candidates, so that
    /// the run stops at its first draw rather than at its first resampling.</summary>
    public override torch.Tensor Sample(IDomain domain, int count, torch.Generator generator)
    {
        if (count > Options.Candidates)
            throw new ArgumentException($"rad: the option candidates ({Options.Candidates}) must be at least the condition's point count ({count})", nameof(count));
        return base.Sample(domain, count, generator);
    }

    /// <summary>[count, d]: a new set of <paramref name="count"/> points; <paramref name="current"/> is not used.</summary>
    public override torch.Tensor Resample(IDomain domain, int count, torch.Tensor current, ResidualProbe residual, torch.Generator generator)
        => DrawByResidual(domain, count, residual, generator);
}
