using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;

namespace Pinn.Abstractions.Weighting;

/// <summary>What a weighting scheme is built with.</summary>
/// <param name="Spec">dtype and device of the run.</param>
/// <param name="Problem">The problem whose conditions it weighs (a scheme that cannot weigh it, say causal weights on a problem
/// without time, throws <see cref="ArgumentException"/>: the host reports it as a manifest error).</param>
/// <param name="Seed">A seed of the scheme's own, derived from the run's, for schemes that draw random numbers.</param>
public sealed record WeightingSetup(TensorSpec Spec, IProblem Problem, long Seed);

/// <summary>An exported factory of loss-weighting schemes.</summary>
public interface IWeightingFactory : IPluginFactory
{
    /// <summary>A new scheme with options from <see cref="IPluginFactory.ParseOptions"/>.</summary>
    ILossWeighting Create(object options, WeightingSetup setup);
}

/// <summary>Base of weighting factories with typed options.</summary>
public abstract class WeightingFactory<TOptions> : PluginFactory<TOptions>, IWeightingFactory where TOptions : class
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Weighting;

    /// <inheritdoc />
    public ILossWeighting Create(object options, WeightingSetup setup) => Create(Cast(options), setup);

    /// <summary>A new scheme.</summary>
    protected abstract ILossWeighting Create(TOptions options, WeightingSetup setup);
}
