using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Samplers.Standard.LatinHypercube;

/// <summary>
/// Latin hypercube points: along every axis, each of the N strata [i/N, (i+1)/N) holds exactly one
/// point. The strata are matched across axes by an independent random permutation per axis, and each
/// point is placed uniformly inside its stratum.
/// </summary>
internal sealed class LatinHypercubeSampler(TensorSpec spec) : UnitCubeSampler(spec)
{
    protected override torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        // argsort of iid uniforms along the points gives one independent random permutation per axis.
        var strata = torch.rand([count, dimension], torch.float64, torch.CPU, generator: generator).argsort(0).to_type(torch.float64);
        var jitter = torch.rand([count, dimension], torch.float64, torch.CPU, generator: generator);
        return ((strata + jitter) / count).MoveToOuterDisposeScope();
    }
}
