namespace Pinn.Abstractions.Optimization;

/// <summary>
/// What an optimizer needs from a run, known from its options before any tensor exists. The host checks it
/// when it validates a manifest: a taping engine where one is needed, and the memory of the dense matrices
/// the optimizer forms against the machine's memory.
/// </summary>
public sealed record OptimizerRequirements
{
    /// <summary>An optimizer that needs nothing beyond the residual model (the default).</summary>
    public static OptimizerRequirements None { get; } = new();

    /// <summary>The optimizer reads layer tapes (an <c>ITapedLinearization</c> from
    /// <c>IResidualModel.Linearize</c>), so the engine must be an <c>ITapingDerivativeEngine</c>.</summary>
    public bool NeedsTapingEngine { get; init; }

    /// <summary>How many dense matrices of the Jacobian's size [M, D] (M residual rows, D parameters) the
    /// optimizer holds at once, counting J and the factors of its decomposition (J, U, Vᵀ of a thin SVD: 3);
    /// 0 when it never forms J.</summary>
    public int JacobianCopies { get; init; }

    /// <summary>How many dense [D, D] matrices (a Gramian JᵀJ and its Cholesky factor: 2) it holds at once.</summary>
    public int GramianCopies { get; init; }
}
