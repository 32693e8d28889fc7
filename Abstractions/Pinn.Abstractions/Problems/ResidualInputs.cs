using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>What a residual function is given.</summary>
/// <param name="Points">The condition's points x [N, d].</param>
/// <param name="Derivatives">The quantities the condition requested, each [N, m_k]: the output components the request
/// names for it, ascending, or all m outputs (read one with <see cref="Derivatives.Derivatives.Output"/>).</param>
/// <param name="Parameters">The problem's extra trainable parameters by name, each of the shape it declared.</param>
public sealed record ResidualInputs(torch.Tensor Points, Derivatives.Derivatives Derivatives, IReadOnlyDictionary<string, torch.Tensor> Parameters);

/// <summary>
/// The residual O[u](x) − f(x) of one condition: [N] or [N, k] (k residual components per point, the same k for
/// every N), in the run's dtype. Anything else is refused with the condition's name before it enters the loss.
/// <para>It runs inside autograd's graph. Do not change a tensor autograd saved in place (<c>add_</c> on the inputs
/// or on a result used again): backward then fails and so does the run. Never throw from a custom autograd function's
/// backward: that exception crosses libtorch's native frames and ends the process; only the periodic checkpoint and
/// metrics.csv survive.</para>
/// </summary>
public delegate torch.Tensor ResidualFunction(ResidualInputs inputs);
