using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>Error measures the tests assert on.</summary>
internal static class TensorAssert
{
    /// <summary>‖actual − expected‖ / max(‖expected‖, tiny), in float64.</summary>
    public static double RelativeError(torch.Tensor actual, torch.Tensor expected)
    {
        using var scope = torch.NewDisposeScope();
        var a = actual.detach().to(torch.float64);
        var e = expected.detach().to(torch.float64);
        if (!a.shape.SequenceEqual(e.shape))
            throw new ArgumentException($"shapes differ: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", e.shape)}]");
        return (a - e).norm().item<double>() / Math.Max(e.norm().item<double>(), 1e-300);
    }
}
