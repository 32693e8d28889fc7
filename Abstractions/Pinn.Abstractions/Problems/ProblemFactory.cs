using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Tensors;

namespace Pinn.Abstractions.Problems;

/// <summary>What a problem is built with.</summary>
/// <param name="Spec">dtype and device of the run.</param>
/// <param name="CacheDirectory">A folder for reference solutions computed once (may not exist yet).</param>
public sealed record ProblemContext(TensorSpec Spec, string CacheDirectory)
{
    /// <summary>The run's seed, for problems that draw random data (e.g. observation noise): the same seed gives the same problem.</summary>
    public long Seed { get; init; }
}

/// <summary>An exported factory of problems.</summary>
public interface IProblemFactory : IPluginFactory
{
    /// <summary>A new problem with options from <see cref="IPluginFactory.ParseOptions"/>.</summary>
    IProblem Create(object options, ProblemContext context);
}

/// <summary>Base of problem factories with typed options.</summary>
public abstract class ProblemFactory<TOptions> : PluginFactory<TOptions>, IProblemFactory where TOptions : class
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Problem;

    /// <inheritdoc />
    public IProblem Create(object options, ProblemContext context) => Create(Cast(options), context);

    /// <summary>A new problem.</summary>
    protected abstract IProblem Create(TOptions options, ProblemContext context);
}
