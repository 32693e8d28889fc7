using TorchSharp;

namespace Pinn.Abstractions.Tensors;

/// <summary>The dtype and device every tensor of a run is created with.</summary>
/// <param name="DType">Floating-point type; float64 by default, as the high-accuracy results need.</param>
/// <param name="Device">Where tensors live (cpu, cuda).</param>
public sealed record TensorSpec(torch.ScalarType DType, torch.Device Device)
{
    /// <summary>float64 on the CPU.</summary>
    public static TensorSpec Float64Cpu { get; } = new(torch.ScalarType.Float64, torch.CPU);
}
