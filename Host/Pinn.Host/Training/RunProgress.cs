using System.Text.Json.Nodes;

namespace Pinn.Host.Training;

/// <summary>
/// How far a run has come, as a checkpoint header records it: enough, with the parameters, points,
/// generators and optimizer state, to continue the same trajectory.
/// </summary>
/// <param name="Step">Steps taken over all stages.</param>
/// <param name="Stage">Index of the stage the run is in (the last one once every stage has ended).</param>
/// <param name="StageSteps">Steps taken within that stage; its step budget counts them.</param>
/// <param name="StageSeconds">Wall time spent in that stage; its seconds budget counts it.</param>
/// <param name="Seconds">Wall time of training over all stages (the seconds column of metrics.csv).</param>
/// <param name="BestRelL2">Smallest relative L2 error seen at an evaluation, if any.</param>
/// <param name="LastRelL2">Relative L2 error at the latest evaluation, if any.</param>
/// <param name="StageStoppedBecause">The optimizer's reason when it ended that stage itself (a stop
/// reason or a non-finite loss); null while the stage runs or when a budget ended it. A resumed run
/// moves past a stage its optimizer ended instead of asking it again.</param>
internal sealed record RunProgress(long Step, int Stage, long StageSteps, double StageSeconds, double Seconds,
                                   double? BestRelL2, double? LastRelL2, string? StageStoppedBecause)
{
    /// <summary>A run that has not taken a step.</summary>
    public static RunProgress Start { get; } = new(0, 0, 0, 0, 0, null, null, null);

    /// <summary>Adds the fields to a checkpoint header.</summary>
    public void WriteTo(JsonObject header)
    {
        header["step"] = Step;
        header["stage"] = Stage;
        header["stageSteps"] = StageSteps;
        header["stageSeconds"] = StageSeconds;
        header["seconds"] = Seconds;
        header["bestRelL2"] = BestRelL2;
        header["lastRelL2"] = LastRelL2;
        header["stageStoppedBecause"] = StageStoppedBecause;
    }

    /// <summary>Reads the fields of a checkpoint header; <see cref="InvalidDataException"/> names a missing one.</summary>
    public static RunProgress ReadFrom(JsonObject header, string file)
    {
        T Required<T>(string key) => header[key] is { } node
            ? node.GetValue<T>()
            : throw new InvalidDataException($"{file}: the checkpoint header has no \"{key}\" (written by a host that could not resume)");
        return new RunProgress(Required<long>("step"), Required<int>("stage"), Required<long>("stageSteps"), Required<double>("stageSeconds"),
                               Required<double>("seconds"), header["bestRelL2"]?.GetValue<double>(), header["lastRelL2"]?.GetValue<double>(),
                               header["stageStoppedBecause"]?.GetValue<string>());
    }
}
