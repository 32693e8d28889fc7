using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;
using TorchSharp;

namespace Pinn.Fixtures.FaultyPlugins;

/// <summary>Options of <c>fixture-faulty-sampler</c>.</summary>
/// <param name="Fault"><c>none</c>, <c>nan</c> (one coordinate NaN), <c>half</c> (half the points), <c>outside</c>
/// (points shifted far outside the domain) or <c>throw</c>.</param>
public sealed record FaultySamplerOptions(string Fault = "none") : IValidatableOptions
{
    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Fault is not ("none" or "nan" or "half" or "outside" or "throw")) yield return new(nameof(Fault), "must be none, nan, half, outside or throw");
    }
}

/// <summary>Uniform points with a chosen fault.</summary>
[Plugin(PluginKind.Sampler, "fixture-faulty-sampler", Description = "Test fixture: uniform points with NaN, too few, outside the domain, or an exception")]
public sealed class FaultySamplerFactory : SamplerFactory<FaultySamplerOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(FaultySamplerOptions options, SamplerContext context) => new FaultySampler(options.Fault, context);

    private sealed class FaultySampler(string fault, SamplerContext context) : IPointSampler
    {
        public torch.Tensor Sample(IDomain domain, int count, torch.Generator generator)
        {
            if (fault == "throw") throw new InvalidOperationException("fixture: sampling fails on purpose");
            using var scope = torch.NewDisposeScope();
            var n = fault == "half" ? count / 2 : count;
            var points = domain.Map(torch.rand(n, domain.SamplingDimension, generator: generator, dtype: context.Spec.DType, device: context.Spec.Device));
            if (fault == "nan") points[0, 0] = torch.tensor(double.NaN, context.Spec.DType, context.Spec.Device);
            if (fault == "outside") points = points + 100.0;
            return points.MoveToOuterDisposeScope();
        }
    }
}
