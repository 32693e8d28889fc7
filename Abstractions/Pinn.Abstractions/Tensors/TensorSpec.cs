using TorchSharp;

namespace Pinn.Abstractions.Tensors;

/// <summary>The dtype and device every tensor of a run is created with.</summary>
/// <param name="DType">Floating-point type; float64 by default, as the high-accuracy results need.</param>
/// <param name="Device">Where tensors live (cpu, cuda).</param>
public sealed record TensorSpec(torch.ScalarType DType, torch.Device Device)
{
    /// <summary>float64 on the CPU.</summary>
    public static TensorSpec Float64Cpu { get; } = new(torch.ScalarType.Float64, torch.CPU);

    /// <summary>A tensor of this dtype and device from <paramref name="values"/>, shaped <paramref name="shape"/>. Since 1.0.</summary>
    public torch.Tensor Tensor(double[] values, params long[] shape) => torch.tensor(values, shape, DType, Device);

    /// <summary>A 0-d tensor of this dtype and device. Since 1.0.</summary>
    public torch.Tensor Scalar(double value) => torch.tensor(value, DType, Device);
}
