using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>Exports the forward Laplacian.</summary>
[Plugin(PluginKind.Engine, "forward-laplacian",
        Description = "Collapsed second-order Taylor mode: value, gradient, Laplacians and Σ cᵢⱼ∂ᵢⱼ in one forward pass, with layer tapes")]
public sealed class ForwardLaplacianEngineFactory : EngineFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IDerivativeEngine Create(NoOptions options, EngineContext context) => new ForwardLaplacianEngine();
}
