using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.ResidualAdaptive;
using TorchSharp;

namespace Pinn.Samplers.Standard.RarD;

/// <summary>
/// Residual-based adaptive refinement with distribution (RAR-D, Wu et al. 2023): at every resampling, m
/// distinct points chosen among fresh candidates with probability ∝ p(x) are added to the condition's
/// points, which are all kept; the set grows by m each time.
/// </summary>
internal sealed class RarDSampler(RarDOptions options, TensorSpec spec) : ResidualAdaptiveSampler(options, spec)
{
    private readonly int _added = options.PointsAdded;

    /// <summary>[N_now + m, d]: <paramref name="current"/> first, in its order, then the m new points;
    /// <paramref name="count"/> is not used.</summary>
    public override torch.Tensor Resample(IDomain domain, int count, torch.Tensor current, ResidualProbe residual, torch.Generator generator)
    {
        if (current.dim() != 2 || current.shape[1] != domain.Dimension)
            throw new ArgumentException($"current points: expected [N, {domain.Dimension}], got [{string.Join(", ", current.shape)}]", nameof(current));
        using var scope = torch.NewDisposeScope();
        var added = DrawByResidual(domain, _added, residual, generator);
        return torch.cat([current.detach().to(Spec.DType, Spec.Device), added], 0).MoveToOuterDisposeScope();
    }
}
