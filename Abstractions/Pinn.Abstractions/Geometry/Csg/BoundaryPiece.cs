using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>
/// One piece of a primitive's boundary (a box face, a sphere, a polygon edge): how to sample it by measure, its
/// normal (outward from the primitive), the distance of any point to it, and its orientation in a composite shape
/// (−1 on the boundary of a subtracted shape, where the region's outward normal points into the hole).
/// </summary>
/// <param name="Name">The piece's name.</param>
/// <param name="SamplingDimension">k: unit-cube coordinates <paramref name="Map"/> takes per point (0 for a point).</param>
/// <param name="Measure">Length, area, … of the piece (1 for a point).</param>
/// <param name="Map">Unit-cube points [N, k] → points of the piece [N, d], uniform by measure.</param>
/// <param name="Normal">Points x [N, d] of the piece → the primitive's outward unit normals [N, d].</param>
/// <param name="Distance">Any points x [N, d] → their distance to the piece [N].</param>
/// <param name="Orientation">+1, or −1 when the piece bounds a hole.</param>
internal sealed record BoundaryPiece(string Name, int SamplingDimension, double Measure, Func<torch.Tensor, torch.Tensor> Map,
                                     Func<torch.Tensor, torch.Tensor> Normal, Func<torch.Tensor, torch.Tensor> Distance, double Orientation = 1.0)
{
    /// <summary>The same piece bounding a hole.</summary>
    public BoundaryPiece Flipped() => this with { Orientation = -Orientation };
}
