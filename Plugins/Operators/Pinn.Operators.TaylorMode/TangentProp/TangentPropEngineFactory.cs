using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Plugins;

namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>Exports n-TangentProp.</summary>
[Plugin(PluginKind.Engine, "n-tangentprop",
        Description = "Univariate Taylor mode: all pure partials ∂ᵏu/∂xᵢᵏ up to order n in one forward pass (Faà di Bruno), with layer tapes")]
public sealed class TangentPropEngineFactory : EngineFactory<TangentPropOptions>
{
    /// <inheritdoc />
    protected override IDerivativeEngine Create(TangentPropOptions options, EngineContext context) => new TangentPropEngine(options.MaxOrder);
}
