using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>Shape checks shared by the geometries (libtorch aborts the process on a bad shape, so we check first).</summary>
internal static class DomainChecks
{
    public static void Points(torch.Tensor t, int columns, string what)
    {
        if (t.dim() != 2 || t.shape[1] != columns)
            throw new ArgumentException($"{what}: expected a tensor [N, {columns}], got [{string.Join(", ", t.shape)}]");
    }
}
