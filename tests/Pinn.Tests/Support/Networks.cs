using Pinn.Abstractions.Models;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>Small random networks and points for engine and model tests.</summary>
internal static class Networks
{
    public static Mlp Random(int inputs, int[] hidden, string activation, ulong seed, int outputs = 1)
    {
        var net = new Mlp(inputs, hidden, outputs, Activation.FromName(activation), TensorSpec.Float64Cpu);
        using var g = new torch.Generator(seed, torch.CPU);
        net.Initialize(Initialization.Normal, 1.0, g);
        return net;
    }

    public static torch.Tensor Points(int count, int dimension, ulong seed)
    {
        using var g = new torch.Generator(seed, torch.CPU);
        return torch.rand([count, dimension], torch.float64, torch.CPU, generator: g) * 2 - 1;
    }
}
