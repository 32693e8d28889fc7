using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;

namespace MyEngine;

/// <summary>
/// Exports the engine to the host under the manifest name <c>myengine</c>:
/// <c>"engine": { "name": "myengine", "options": { "maxOrder": 2 } }</c>.
/// </summary>
[Plugin(PluginKind.Engine, "myengine", Description = "Nested reverse-mode autograd: partials up to order 2 and Laplacians")]
public sealed class NestedAutogradFactory : EngineFactory<NestedAutogradOptions>
{
    /// <inheritdoc />
    protected override IDerivativeEngine Create(NestedAutogradOptions options, EngineContext context) => new NestedAutograd(options.MaxOrder);
}
