using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Tensors;

namespace Pinn.Abstractions.Optimization;

/// <summary>What an optimizer is built with.</summary>
/// <param name="Spec">dtype and device of the run.</param>
/// <param name="ParameterCount">D, the length of the flat parameter vector.</param>
public sealed record OptimizerContext(TensorSpec Spec, long ParameterCount)
{
    /// <summary>How θ splits into layers (weight then bias of each linear layer, then the problem's extra
    /// parameters); one group spanning θ when the host does not say.</summary>
    public IReadOnlyList<ParameterGroup> Groups { get; init; } = [new("all", 0, ParameterCount)];
}

/// <summary>An exported factory of optimizers.</summary>
public interface IOptimizerFactory : IPluginFactory
{
    /// <summary>A new optimizer with options from <see cref="IPluginFactory.ParseOptions"/>.</summary>
    IOptimizer Create(object options, OptimizerContext context);

    /// <summary>What an optimizer made with these options needs from the run (checked before training).
    /// Factories that do not say need nothing beyond the residual model.</summary>
    OptimizerRequirements Requirements(object options) => OptimizerRequirements.None;
}

/// <summary>Base of optimizer factories with typed options.</summary>
public abstract class OptimizerFactory<TOptions> : PluginFactory<TOptions>, IOptimizerFactory where TOptions : class
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Optimizer;

    /// <inheritdoc />
    public IOptimizer Create(object options, OptimizerContext context) => Create(Cast(options), context);

    /// <inheritdoc />
    public OptimizerRequirements Requirements(object options) => Requirements(Cast(options));

    /// <summary>A new optimizer.</summary>
    protected abstract IOptimizer Create(TOptions options, OptimizerContext context);

    /// <summary>What an optimizer with these options needs; override when it reads layer tapes or forms J.</summary>
    protected virtual OptimizerRequirements Requirements(TOptions options) => OptimizerRequirements.None;
}
