using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>A PDE problem: its conditions and, when known, its solution.</summary>
public interface IProblem
{
    /// <summary>d, the number of input coordinates (time first for time-dependent problems).</summary>
    int InputDimension { get; }

    /// <summary>m, the number of unknown fields.</summary>
    int OutputDimension { get; }

    /// <summary>Names of the inputs for reports, length d (e.g. <c>t, x</c>).</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>Names of the m outputs for reports (e.g. <c>u, v, p</c>), in the order of the network's output
    /// columns; by default <c>u</c> for one field and <c>u1</c> … <c>um</c> for m.</summary>
    IReadOnlyList<string> OutputNames => FieldNames.Default(OutputDimension);

    /// <summary>The conditions whose residuals make up the loss; names are distinct.</summary>
    IReadOnlyList<Condition> Conditions { get; }

    /// <summary>Extra trainable parameters (often none).</summary>
    IReadOnlyList<ProblemParameter> Parameters { get; }

    /// <summary>Where the error against the solution is measured.</summary>
    IDomain EvaluationDomain { get; }

    /// <summary>Whether <see cref="Solution"/> returns values.</summary>
    bool HasSolution { get; }

    /// <summary>The exact (or reference) solution u*(x) [N, m] at points x [N, d]; throws when
    /// <see cref="HasSolution"/> is false.</summary>
    torch.Tensor Solution(torch.Tensor x);
}
