using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Symmetry;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>A <see cref="ReflectedEngine"/> over an engine that records layer tapes: the tape holds the 2ᵏ images of every
/// point as 2ᵏ row blocks, which the taped linearization groups into point n's columns, so the Jacobian stays exact.</summary>
internal sealed class ReflectedTapingEngine(ITapingDerivativeEngine inner, IReadOnlyList<Reflection> reflections)
    : ReflectedEngine(inner, reflections), ITapingDerivativeEngine
{
    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape tape)
        => Compose(model, x, request, (network, images) => inner.Evaluate(network, images, request, tape));

    /// <summary>The engine that serves <paramref name="network"/>'s reflections with <paramref name="engine"/>'s derivatives
    /// of the raw network; <paramref name="engine"/> itself when the network has none.</summary>
    public static IDerivativeEngine Wrap(IDerivativeEngine engine, Mlp network)
        => network.Reflections.Count == 0 ? engine
            : engine is ITapingDerivativeEngine taping ? new ReflectedTapingEngine(taping, network.Reflections)
            : new ReflectedEngine(engine, network.Reflections);
}
