using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;

namespace Pinn.Operators.Autodiff;

/// <summary>Exports the nested reverse-mode engine.</summary>
[Plugin(PluginKind.Engine, "autodiff", Description = "Nested reverse-mode autodiff: every partial and the Laplacian, any order")]
public sealed class AutodiffEngineFactory : EngineFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IDerivativeEngine Create(NoOptions options, EngineContext context) => new AutodiffEngine();
}
