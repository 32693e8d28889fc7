using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Fixtures.ThrowingFactory;

/// <summary>An optimizer factory that cannot even be constructed.</summary>
[Plugin(PluginKind.Optimizer, "fixture-throwing", Description = "Test fixture: its constructor throws")]
public sealed class ThrowingOptimizerFactory : OptimizerFactory<NoOptions>
{
    /// <summary>Throws.</summary>
    public ThrowingOptimizerFactory() => throw new InvalidOperationException("fixture: the factory's constructor fails on purpose");

    /// <inheritdoc />
    protected override IOptimizer Create(NoOptions options, OptimizerContext context) => throw new NotSupportedException();
}
