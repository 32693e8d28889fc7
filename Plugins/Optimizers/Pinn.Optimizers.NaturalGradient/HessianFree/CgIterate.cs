using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.HessianFree;

/// <summary>A conjugate-gradient iterate kept for backtracking.</summary>
/// <param name="Iteration">The iteration that produced it (0 = the start).</param>
/// <param name="X">x [D].</param>
/// <param name="ModelLoss">½‖r − J x‖²: the loss the linear model predicts after the step θ − x.</param>
internal sealed record CgIterate(int Iteration, torch.Tensor X, double ModelLoss);
