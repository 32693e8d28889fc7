using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Host.Manifests;

/// <summary>
/// A problem as a weighting scheme sees it in a run: its conditions less those a hard constraint replaces (they are not
/// in the loss, so a scheme may not name them), everything else the problem's own.
/// </summary>
internal sealed class TrainedConditions(IProblem problem, HardConstraint? constraint) : IProblem
{
    /// <summary>The problem itself when no constraint removes a condition, else the view.</summary>
    public static IProblem Of(IProblem problem, bool hardConstraints)
        => hardConstraints && problem is IHardConstrainedProblem constrained ? new TrainedConditions(problem, constrained.HardConstraint) : problem;

    public int InputDimension => problem.InputDimension;

    public int OutputDimension => problem.OutputDimension;

    public IReadOnlyList<string> InputNames => problem.InputNames;

    public IReadOnlyList<string> OutputNames => problem.OutputNames;

    public IReadOnlyList<Condition> Conditions { get; } = problem.Conditions.Where(c => constraint is null || !constraint.Replaces.Contains(c.Name)).ToArray();

    public IReadOnlyList<ProblemParameter> Parameters => problem.Parameters;

    public IDomain EvaluationDomain => problem.EvaluationDomain;

    public bool HasSolution => problem.HasSolution;

    public torch.Tensor Solution(torch.Tensor x) => problem.Solution(x);
}
