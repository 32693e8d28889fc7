using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A domain sampled by rejection: candidates are drawn from a <see cref="Proposal"/> domain that covers it and
/// maps unit-cube points one to one, and the candidates this domain <see cref="Accepts"/> are kept. Domains with
/// holes, polygons and boundaries of composite shapes are sampled this way; <see cref="Sampling.DomainSampling"/>
/// draws an exact count from any domain. A domain whose <see cref="AcceptanceRate"/> is 1 maps exactly through
/// <see cref="IDomain.Map"/> and is its own proposal.
/// </summary>
public interface IRejectionDomain : IDomain
{
    /// <summary>A domain of the same dimension that contains this one and maps N unit-cube points to N points
    /// (its <see cref="IDomain.Map"/> is exact), distributed so that the accepted candidates are uniform by measure
    /// on this domain.</summary>
    IDomain Proposal { get; }

    /// <summary>Which candidates x [N, d] drawn from <see cref="Proposal"/> belong to this domain: bool [N].</summary>
    torch.Tensor Accepts(torch.Tensor candidates);

    /// <summary>The (estimated) share of the proposal's candidates that are accepted, in (0, 1].</summary>
    double AcceptanceRate { get; }
}
