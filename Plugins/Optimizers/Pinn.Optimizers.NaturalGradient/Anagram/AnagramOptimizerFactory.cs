using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Anagram;

/// <summary>Exports ANaGRAM.</summary>
[Plugin(PluginKind.Optimizer, "anagram", Description = "ANaGRAM: natural gradient by thin SVD of J with a fixed or adaptive singular-value cutoff")]
public sealed class AnagramOptimizerFactory : OptimizerFactory<AnagramOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(AnagramOptions options, OptimizerContext context) => new AnagramOptimizer(options);

    /// <inheritdoc />
    protected override OptimizerRequirements Requirements(AnagramOptions options) => new() { JacobianCopies = 3 };
}
