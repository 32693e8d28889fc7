using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// A problem that reports quantities of the trained state beyond the error of u, for example a trained
/// exponent and its distance to the exact one. The host writes them to summary.json (<c>problem</c>) and
/// prints them at the end of a run.
/// </summary>
public interface IReportingProblem : IProblem
{
    /// <summary>Name → value (e.g. <c>lambda</c>, <c>lambdaError</c>) for the trained extra parameters.</summary>
    /// <param name="parameters">The values of <see cref="IProblem.Parameters"/> by name, each of the shape it declared.</param>
    IReadOnlyDictionary<string, double> Report(IReadOnlyDictionary<string, torch.Tensor> parameters);
}
