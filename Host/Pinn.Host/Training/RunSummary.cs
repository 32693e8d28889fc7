namespace Pinn.Host.Training;

/// <summary>summary.json: how a run ended.</summary>
/// <param name="Name">The manifest's name.</param>
/// <param name="RelL2">Final relative L2 error against the solution, ‖u_θ − u*‖_F / ‖u*‖_F pooled over all fields and
/// evaluation points (null when the problem has none).</param>
/// <param name="BestRelL2">Smallest relative L2 seen at an evaluation.</param>
/// <param name="Loss">Final loss L = ½‖r‖².</param>
/// <param name="Steps">Steps taken over all stages.</param>
/// <param name="Seconds">Wall time of training (set-up excluded).</param>
/// <param name="StoppedBecause">Why the last stage ended: a budget, an interruption, or the optimizer's reason.</param>
/// <param name="MillisecondsPerStep">Median wall time of a step, evaluation excluded.</param>
/// <param name="ParameterCount">D.</param>
/// <param name="OutputDirectory">Where the run's files are.</param>
/// <param name="Problem">What an <see cref="Abstractions.Problems.IReportingProblem"/> reports of the trained state (null otherwise).</param>
/// <param name="CheckpointStep">The step checkpoint.bin holds (null when the run wrote none): the last step whose
/// parameters and loss were finite, at the end, at an interruption or at the last periodic checkpoint before a failure.</param>
internal sealed record RunSummary(string Name, double? RelL2, double? BestRelL2, double Loss, long Steps, double Seconds,
                                  string StoppedBecause, double MillisecondsPerStep, long ParameterCount, string OutputDirectory,
                                  IReadOnlyDictionary<string, double>? Problem = null, long? CheckpointStep = null)
{
    /// <summary>Final relative L2 error of each output field by the problem's output names (null when the problem has
    /// no solution or the run failed).</summary>
    public IReadOnlyDictionary<string, double>? Fields { get; init; }

    /// <summary>Final max |u_θ − u*| over all fields and evaluation points (null when <see cref="Fields"/> is).</summary>
    public double? MaxError { get; init; }

    /// <summary>The tabulated reference the errors were measured against at all its nodes (null: random points of the
    /// evaluation domain, or no solution).</summary>
    public ReferenceEvaluation? Reference { get; init; }
}
