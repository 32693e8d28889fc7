using Pinn.Abstractions.Reference;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// A problem whose reference solution is tabulated at nodes (a file of a benchmark such as PINNacle, read with
/// <see cref="ReferenceDataReader"/>). The host then measures the trained network at all of these nodes instead of
/// at random points of <see cref="IProblem.EvaluationDomain"/>: the relative L2 error ‖u − u*‖_F / ‖u*‖_F pooled over
/// all fields and nodes (PINNacle's L2RE), the relative L2 error of each field, and the largest absolute error.
/// When the problem also has a <see cref="IProblem.Solution"/>, the host reports the error against it at the same
/// nodes too.
/// </summary>
public interface IReferenceDataProblem : IProblem
{
    /// <summary>
    /// The reference at its nodes: points [N, d] in this problem's input order (d = <see cref="IProblem.InputDimension"/>,
    /// time first for time-dependent problems) and values [N, m] (m = <see cref="IProblem.OutputDimension"/>, in the
    /// order of <see cref="IProblem.OutputNames"/>); or null when this instance has none (an option chose another
    /// reference), and the error is measured as for any problem.
    /// </summary>
    ReferenceData? ReferenceData { get; }
}
