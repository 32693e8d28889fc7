namespace Pinn.Host.Training;

/// <summary>The error of a network against the solution at the evaluation points.</summary>
/// <param name="RelL2">‖u_θ − u*‖_F / ‖u*‖_F pooled over all fields and points (PINNacle's L2RE).</param>
/// <param name="Fields">Each field's relative L2 error, by the problem's output names.</param>
/// <param name="MaxError">max |u_θ − u*| over all fields and points.</param>
/// <param name="SolutionRelL2">At the nodes of a tabulated reference: the pooled relative L2 error against the
/// problem's own <see cref="Abstractions.Problems.IProblem.Solution"/> there, when it has one (null otherwise).</param>
internal sealed record SolutionErrorReport(double RelL2, IReadOnlyDictionary<string, double> Fields, double MaxError, double? SolutionRelL2);
