using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// Checks what a sampler returned before the points enter training: a floating-point [N, d] tensor with the
/// number of points asked for, every coordinate finite, every point in the condition's domain (up to a
/// tolerance of the dtype's square-root precision times the domain's extent). Costs one pass over the points.
/// </summary>
internal static class SampledPoints
{
    /// <summary>What is wrong with <paramref name="points"/>, or null when nothing is.</summary>
    /// <param name="points">The sampler's output.</param>
    /// <param name="domain">The condition's domain.</param>
    /// <param name="requested">The number of points asked for; null when the sampler may choose (an adaptive one growing its set).</param>
    public static string? Problem(torch.Tensor points, IDomain domain, long? requested)
    {
        var shape = $"[{string.Join(", ", points.shape)}]";
        if (points.dim() != 2 || points.shape[1] != domain.Dimension)
            return $"returned points of shape {shape}, expected [N, {domain.Dimension}]";
        if (!points.is_floating_point()) return $"returned points of dtype {points.dtype}, expected a floating-point dtype";
        var n = points.shape[0];
        if (requested is { } asked ? n != asked : n < 1) return requested is null ? "returned no points" : $"returned {n} points where {requested} were asked for";
        using var scope = torch.NewDisposeScope();
        var finite = torch.isfinite(points).all(1);
        var notFinite = n - finite.sum().item<long>();
        if (notFinite > 0) return $"returned {notFinite} of {n} points with non-finite coordinates (NaN or ±∞)";
        var (lower, upper) = domain.Bounds;
        var extent = Math.Max(1.0, lower.Zip(upper, (a, b) => Math.Abs(b - a)).DefaultIfEmpty(1).Max());
        var tolerance = (points.dtype == torch.float32 ? 1e-4 : 1e-8) * extent;
        var outside = n - domain.Contains(points, tolerance).sum().item<long>();
        return outside > 0 ? $"returned {outside} of {n} points outside the condition's domain" : null;
    }
}
