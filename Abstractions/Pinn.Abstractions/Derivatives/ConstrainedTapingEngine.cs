using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>A <see cref="ConstrainedEngine"/> over an engine that records layer tapes: the tape is the inner engine's, and
/// the composition with φ and g is ordinary torch code between the tape and the residual, so the Jacobian stays exact.</summary>
internal sealed class ConstrainedTapingEngine(ITapingDerivativeEngine inner, HardConstraint constraint) : ConstrainedEngine(inner, constraint), ITapingDerivativeEngine
{
    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape tape)
        => Compose(model, x, request, needed => inner.Evaluate(model, x, needed, tape));

    /// <summary>The engine that serves u = g + φ·N with <paramref name="engine"/>'s derivatives of N.</summary>
    public static IDerivativeEngine Wrap(IDerivativeEngine engine, HardConstraint constraint)
        => engine is ITapingDerivativeEngine taping ? new ConstrainedTapingEngine(taping, constraint) : new ConstrainedEngine(engine, constraint);
}
