using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Sampling;

/// <summary>
/// Base of samplers that draw points of the unit cube [0,1)^k: draws in float64 on the CPU, maps
/// through the domain (by rejection from its proposal where the domain needs it, see
/// <see cref="DomainSampling"/>), then moves to the run's dtype and device.
/// </summary>
public abstract class UnitCubeSampler(TensorSpec spec) : IPointSampler
{
    /// <summary>dtype and device of the points returned.</summary>
    protected TensorSpec Spec { get; } = spec;

    /// <inheritdoc />
    public torch.Tensor Sample(IDomain domain, int count, torch.Generator generator)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "must be ≥ 1");
        using var scope = torch.NewDisposeScope();
        var points = DomainSampling.Sample(domain, count, (n, k) =>
        {
            var unit = SampleUnitCube(n, k, generator);
            if (unit.dim() != 2 || unit.shape[0] != n || unit.shape[1] != k)
                throw new InvalidOperationException($"{GetType().Name} returned [{string.Join(", ", unit.shape)}], expected [{n}, {k}]");
            return unit;
        });
        return points.to(Spec.DType, Spec.Device).MoveToOuterDisposeScope();
    }

    /// <summary>Points of [0,1)^k: [count, k], float64 on the CPU.</summary>
    protected abstract torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator);
}
