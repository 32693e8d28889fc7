using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A domain that is (part of) the boundary of a region and knows the region's outward unit normal at its points:
/// on a hole's boundary the normal points into the hole, on the lateral boundary of a space-time cylinder its
/// time component is 0. Conditions on such domains receive the normals in <see cref="Problems.ResidualInputs.Normals"/>.
/// </summary>
public interface IBoundaryDomain : IDomain
{
    /// <summary>Whether <see cref="Normals"/> is defined (false e.g. for a time × space product whose space part
    /// is not a boundary).</summary>
    bool HasNormals { get; }

    /// <summary>The outward unit normals [N, d] at points x [N, d] of this domain, same dtype and device. At an edge
    /// or corner, where the normal is not unique, the normal of one of the meeting pieces.</summary>
    torch.Tensor Normals(torch.Tensor x);
}
