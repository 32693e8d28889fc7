using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Sampling;

/// <summary>
/// Draws an exact number of points from any domain with a given unit-cube draw: through <see cref="IDomain.Map"/>
/// when the domain maps exactly, by rejection from its proposal otherwise (<see cref="IRejectionDomain"/>), with
/// as many rounds of candidates as needed. A sampler's stratification (Latin hypercube, Sobol, Halton) holds on
/// boxes exactly and on the proposal of a rejection domain.
/// </summary>
public static class DomainSampling
{
    /// <summary>Below this acceptance rate rejection sampling is refused as hopeless.</summary>
    public const double MinimumAcceptanceRate = 1e-3;

    private const int MaximumRounds = 50;

    /// <summary>
    /// <paramref name="count"/> points of <paramref name="domain"/> [count, d] in the dtype and device of the unit
    /// draws; candidates are kept in the order they were drawn.
    /// </summary>
    /// <param name="domain">Where to sample.</param>
    /// <param name="count">N ≥ 1.</param>
    /// <param name="drawUnit">(n, k) → n points of the unit cube [0,1)^k [n, k]; called once per round.</param>
    /// <exception cref="InvalidOperationException">When the domain accepts too few of its proposal's candidates.</exception>
    public static torch.Tensor Sample(IDomain domain, int count, Func<int, int, torch.Tensor> drawUnit)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "must be ≥ 1");
        if (domain is not IRejectionDomain { AcceptanceRate: < 1 } rejection)
        {
            using var unit = drawUnit(count, domain.SamplingDimension);
            return domain.Map(unit);
        }
        var rate = rejection.AcceptanceRate;
        if (!(rate >= MinimumAcceptanceRate))
            throw new InvalidOperationException($"{domain}: only {rate:G3} of the candidates drawn from its bounding region lie in it "
                                                + $"(at least {MinimumAcceptanceRate:G3} needed): the domain is (nearly) empty; check its shapes and set operations");
        using var scope = torch.NewDisposeScope();
        var kept = new List<torch.Tensor>();
        long have = 0;
        for (var round = 0; round < MaximumRounds && have < count; round++)
        {
            var candidates = (int)Math.Min(int.MaxValue, Math.Ceiling((count - have) / rate * 1.1) + 64);
            var proposal = rejection.Proposal;
            var x = proposal.Map(drawUnit(candidates, proposal.SamplingDimension));
            var accepted = x[rejection.Accepts(x)];
            have += accepted.shape[0];
            kept.Add(accepted);
        }
        if (have < count)
            throw new InvalidOperationException($"{domain}: {MaximumRounds} rounds of candidates gave {have} of {count} points; its acceptance rate "
                                                + $"is far below the estimated {rate:G3}");
        return torch.cat(kept, 0)[..count].MoveToOuterDisposeScope();
    }
}
