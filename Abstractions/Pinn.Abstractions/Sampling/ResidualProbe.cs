using TorchSharp;

namespace Pinn.Abstractions.Sampling;

/// <summary>
/// The size of one condition's PDE residual at arbitrary points for the current parameters θ: maps
/// x [N, d] (the run's dtype and device) to |ε(x)| [N], the Euclidean norm of the unscaled residual's
/// components at each point (without the √(w/N) scaling of the loss). It evaluates without an autograd
/// graph, changes nothing in the model, and handles any N (the host evaluates large N in chunks).
/// </summary>
/// <param name="points">x [N, d], N ≥ 1.</param>
/// <returns>|ε(x)| [N], ≥ 0 (non-finite where the network has diverged).</returns>
public delegate torch.Tensor ResidualProbe(torch.Tensor points);
