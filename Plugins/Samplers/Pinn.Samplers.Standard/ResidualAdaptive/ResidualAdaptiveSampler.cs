using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Samplers.Standard.ResidualAdaptive;

/// <summary>
/// Base of the residual-adaptive samplers: first points from the base sampler; afterwards points chosen
/// among freshly drawn candidates with probability ∝ p(x) (<see cref="ResidualDensity"/>), without
/// replacement. Every draw — candidates and choice — comes from the generator passed in.
/// </summary>
internal abstract class ResidualAdaptiveSampler(ResidualAdaptiveOptions options, TensorSpec spec) : IAdaptivePointSampler
{
    private readonly IPointSampler _base = BaseSamplers.Create(options.BaseSampler, spec);

    /// <summary>The options.</summary>
    protected ResidualAdaptiveOptions Options { get; } = options;

    /// <summary>dtype and device of the points returned.</summary>
    protected TensorSpec Spec { get; } = spec;

    /// <summary>The base sampler's points [count, d]: the first draw of a run.</summary>
    public virtual torch.Tensor Sample(IDomain domain, int count, torch.Generator generator) => _base.Sample(domain, count, generator);

    /// <inheritdoc />
    public abstract torch.Tensor Resample(IDomain domain, int count, torch.Tensor current, ResidualProbe residual, torch.Generator generator);

    /// <summary>
    /// <paramref name="count"/> distinct points [count, d] of <paramref name="domain"/> out of
    /// <see cref="ResidualAdaptiveOptions.Candidates"/> candidates from the base sampler, each chosen with
    /// probability ∝ p. Candidates of zero weight (c = 0 where ε = 0) are taken only once those of
    /// positive weight run out.
    /// </summary>
    protected torch.Tensor DrawByResidual(IDomain domain, int count, ResidualProbe residual, torch.Generator generator)
    {
        var candidates = Options.Candidates;
        if (count < 1 || count > candidates)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"must be between 1 and the option candidates ({candidates})");
        using var scope = torch.NewDisposeScope();
        var x = _base.Sample(domain, candidates, generator);                       // [C, d]
        var magnitude = residual(x);
        if (magnitude.dim() != 1 || magnitude.shape[0] != candidates)
            throw new InvalidOperationException($"the residual probe returned [{string.Join(", ", magnitude.shape)}] for {candidates} points, expected [{candidates}]");
        var weights = ResidualDensity.Weights(magnitude, Options.K, Options.C);    // [C], float64 CPU
        // Multinomial sampling without replacement needs `count` positive weights; give zero weights a floor
        // far below every positive one, so they are drawn last.
        var positive = weights.gt(0);
        if (positive.sum().item<long>() < count)
        {
            var floor = positive.any().item<bool>() ? weights.max().ToDouble() * 1e-12 : 1.0;
            weights = torch.where(positive, weights, torch.full_like(weights, floor));
        }
        var chosen = torch.multinomial(weights, count, replacement: false, generator: generator);
        return x.index_select(0, chosen.to(x.device)).MoveToOuterDisposeScope();
    }
}
