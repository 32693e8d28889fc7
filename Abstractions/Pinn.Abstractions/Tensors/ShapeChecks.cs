using TorchSharp;

namespace Pinn.Abstractions.Tensors;

/// <summary>
/// Shape checks before torch is called: a libtorch error aborts the process on Linux, so a wrong shape
/// must become an ArgumentException naming what was expected.
/// </summary>
internal static class ShapeChecks
{
    /// <summary>A point set [N, <paramref name="columns"/>].</summary>
    public static void Points(torch.Tensor t, int columns, string what)
    {
        if (t.dim() != 2 || t.shape[1] != columns)
            throw new ArgumentException($"{what}: expected a tensor [N, {columns}], got [{string.Join(", ", t.shape)}]");
    }

    /// <summary>A vector [<paramref name="length"/>].</summary>
    public static void Vector(torch.Tensor v, long length, string name)
    {
        if (v.dim() != 1 || v.shape[0] != length)
            throw new ArgumentException($"{name}: expected a vector [{length}], got [{string.Join(", ", v.shape)}]");
    }
}
