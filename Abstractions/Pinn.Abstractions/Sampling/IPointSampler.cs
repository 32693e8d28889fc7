using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Sampling;

/// <summary>Draws collocation points. Samplers work on the unit cube; the domain maps the points.</summary>
public interface IPointSampler
{
    /// <summary>
    /// <paramref name="count"/> points of <paramref name="domain"/>: [count, domain.Dimension] in the
    /// run's dtype and device.
    /// </summary>
    /// <param name="domain">Where to sample.</param>
    /// <param name="count">N ≥ 1.</param>
    /// <param name="generator">A CPU generator: the draws, and so the points, depend only on its seed.</param>
    torch.Tensor Sample(IDomain domain, int count, torch.Generator generator);
}
