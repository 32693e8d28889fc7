using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A region points are sampled from. Samplers produce points of the unit cube [0,1)^k and the domain
/// maps them onto itself, so every sampler works with every geometry.
/// </summary>
public interface IDomain
{
    /// <summary>d: the number of coordinates of a point of the domain.</summary>
    int Dimension { get; }

    /// <summary>k: the number of unit-cube coordinates <see cref="Map"/> takes per point.</summary>
    int SamplingDimension { get; }

    /// <summary>Lebesgue measure of the domain in its own dimension (length, area, volume; for a
    /// boundary, its surface measure; a set of points counts 1 per point).</summary>
    double Measure { get; }

    /// <summary>Lower and upper corner of the bounding box, each of length d.</summary>
    (double[] Lower, double[] Upper) Bounds { get; }

    /// <summary>Maps unit-cube points [N, k] in [0,1)^k to domain points [N, d], same dtype and device.</summary>
    torch.Tensor Map(torch.Tensor unit);

    /// <summary>Whether each point of x [N, d] lies in the domain, up to <paramref name="tolerance"/>: a bool tensor [N].</summary>
    torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12);
}
