using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Plugins;
using TorchSharp;

namespace Pinn.Fixtures.FirstReleasePlugin;

/// <summary>
/// An engine as a third party wrote one against Pinn.Abstractions 1.0: it walks <see cref="Mlp.Layers"/> itself (values
/// only), knowing nothing of the input embeddings and activation slopes of 1.8, so the host must refuse to pair it with them.
/// </summary>
[Plugin(PluginKind.Engine, "fixture-first-release-engine", Description = "Test fixture: an engine built against Pinn.Abstractions 1.0.0")]
public sealed class LayerWalkingEngineFactory : EngineFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IDerivativeEngine Create(NoOptions options, EngineContext context) => new LayerWalkingEngine();

    private sealed class LayerWalkingEngine : IDerivativeEngine
    {
        public string? Unsupported(DerivativeKey key) => key is PartialDerivative { IsValue: true } ? null : "this fixture computes values only";

        public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
        {
            using var scope = torch.NewDisposeScope();
            var z = x;
            for (var l = 0; l < model.Layers.Count; l++)
            {
                z = model.Layers[l].Forward(z);
                if (l + 1 < model.Layers.Count) z = model.Activation.Apply(z);
            }
            return new Derivatives(new Dictionary<DerivativeKey, torch.Tensor> { [PartialDerivative.Value] = z.MoveToOuterDisposeScope() });
        }
    }
}
