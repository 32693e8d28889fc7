using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Sampling;
using TorchSharp;

namespace Pinn.Samplers.Standard.Uniform;

/// <summary>Independent uniform points of the unit cube.</summary>
internal sealed class UniformSampler(TensorSpec spec) : UnitCubeSampler(spec)
{
    protected override torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator)
        => torch.rand([count, dimension], torch.float64, torch.CPU, generator: generator);
}
