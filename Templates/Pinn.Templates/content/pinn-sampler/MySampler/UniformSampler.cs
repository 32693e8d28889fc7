using Pinn.Abstractions.Sampling;
using TorchSharp;

namespace MySampler;

/// <summary>
/// Draws points of the unit cube [0,1)^k; <see cref="UnitCubeSampler"/> maps them onto the condition's domain (by
/// rejection where the domain needs it) and moves them to the run's dtype and device. Every draw comes from the
/// run's generator, so a run's points depend on its seed only.
/// </summary>
internal sealed class UniformSampler(bool antithetic, SamplerContext context) : UnitCubeSampler(context.Spec)
{
    /// <inheritdoc />
    protected override torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator)
    {
        if (!antithetic) return torch.rand(count, dimension, dtype: torch.float64, generator: generator);
        var half = torch.rand((count + 1) / 2, dimension, dtype: torch.float64, generator: generator);
        return torch.cat([half, 1.0 - half], 0)[..count];
    }
}
