namespace Pinn.Host.Training;

/// <summary>summary.json's <c>reference</c>: the tabulated reference the error was measured against (at all its nodes).</summary>
/// <param name="Source">The reference's file name (e.g. <c>burgers1d.dat</c>).</param>
/// <param name="Points">The nodes measured at (rows with NaN left out).</param>
/// <param name="DroppedRows">Rows of the file left out because they hold NaN.</param>
/// <param name="SolutionRelL2">The pooled relative L2 error against the problem's own solution at the same nodes, when
/// it has one besides the tabulated reference (e.g. burgers' Cole–Hopf solution beside PINNacle's COMSOL data).</param>
internal sealed record ReferenceEvaluation(string Source, int Points, int DroppedRows, double? SolutionRelL2);
